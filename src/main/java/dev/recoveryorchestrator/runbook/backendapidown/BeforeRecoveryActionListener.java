package dev.recoveryorchestrator.runbook.backendapidown;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * Before {@code Task_RestartBackend} and {@code Task_RollbackBackend} call {@code run-action}: remembers which step
 * this is (what brought the service back if the log then stays clean). Where the log watch starts reading is taken
 * when the service answers again ({@link StartBackendLogWatchDelegate}), not here.
 */
@Component("beforeRecoveryActionListener")
class BeforeRecoveryActionListener implements ExecutionListener {

    @Override
    public void notify(DelegateExecution execution) {
        BackendApiDownVariables.recoveryMethod(execution, execution.getCurrentActivityName());
    }
}
