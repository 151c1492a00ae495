package dev.recoveryorchestrator.runbook.backendapidown;

import dev.recoveryorchestrator.action.LogFiles;
import dev.recoveryorchestrator.action.TargetSettings;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * Before {@code Task_RestartBackend} and {@code Task_RollbackBackend} call {@code run-action}: remembers where the
 * log ends (the log watch reads only what the restarted backend writes) and which step this is (what brought the
 * service back if the log then stays clean).
 */
@Component("beforeRecoveryActionListener")
class BeforeRecoveryActionListener implements ExecutionListener {

    private final TargetSettings target;

    BeforeRecoveryActionListener(TargetSettings target) {
        this.target = target;
    }

    @Override
    public void notify(DelegateExecution execution) throws Exception {
        BackendApiDownVariables.logOffset(execution, LogFiles.size(target.logFile()));
        BackendApiDownVariables.recoveryMethod(execution, execution.getCurrentActivityName());
    }
}
