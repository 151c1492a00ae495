package dev.recoveryorchestrator.runbook.databaseunreachable;

import dev.recoveryorchestrator.runbook.Findings;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_CheckShareMount} (네트워크 드라이브 마운트 확인, {@code mount | grep /mnt/data}): is the configured mount
 * point mounted and readable. Unset: the finding says it was not checked. Sets {@code shareState}.
 */
@Component("checkShareMountDelegate")
class CheckShareMountDelegate implements JavaDelegate {

    private final DatabaseChecks checks;
    private final Findings findings;

    CheckShareMountDelegate(DatabaseChecks checks, Findings findings) {
        this.checks = checks;
        this.findings = findings;
    }

    @Override
    public void execute(DelegateExecution execution) {
        ShareMount.State state = ShareMount.check(checks.settings().mountPoint());
        findings.record(execution, "마운트 확인", "네트워크 드라이브 마운트 확인: "
                + (checks.settings().mountPoint() == null ? "" : checks.settings().mountPoint() + " ") + state.korean);
        execution.setVariable(DatabaseUnreachableVariables.SHARE_STATE, state.name());
    }
}
