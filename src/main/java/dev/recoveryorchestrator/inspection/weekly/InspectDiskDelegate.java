package dev.recoveryorchestrator.inspection.weekly;

import dev.recoveryorchestrator.inspection.InspectionSteps;
import dev.recoveryorchestrator.inspection.WeeklyChecks;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code Task_CheckDisk} (디스크 사용량): every file system holding data, backups, logs and models under the limit. */
@Component
class InspectDiskDelegate implements JavaDelegate {

    private final InspectionSteps steps;
    private final WeeklyChecks checks;

    InspectDiskDelegate(InspectionSteps steps, WeeklyChecks checks) {
        this.steps = steps;
        this.checks = checks;
    }

    @Override
    public void execute(DelegateExecution execution) {
        steps.run(execution, WeeklyChecks.DISK, "디스크 사용량", checks::disk);
    }
}
