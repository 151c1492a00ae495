package dev.recoveryorchestrator.inspection.weekly;

import dev.recoveryorchestrator.inspection.InspectionSteps;
import dev.recoveryorchestrator.inspection.WeeklyChecks;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code Task_CheckBackup} (최신 백업): the newest backup younger than the RPO target and opening with Jackcess. */
@Component
class InspectBackupDelegate implements JavaDelegate {

    private final InspectionSteps steps;
    private final WeeklyChecks checks;

    InspectBackupDelegate(InspectionSteps steps, WeeklyChecks checks) {
        this.steps = steps;
        this.checks = checks;
    }

    @Override
    public void execute(DelegateExecution execution) {
        steps.run(execution, WeeklyChecks.BACKUP, "최신 백업", checks::backup);
    }
}
