package dev.recoveryorchestrator.inspection.weekly;

import dev.recoveryorchestrator.inspection.InspectionSteps;
import dev.recoveryorchestrator.inspection.WeeklyChecks;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code Task_CheckLogs} (로그 크기): the log folder under the limit, the largest files listed. */
@Component
class InspectLogsDelegate implements JavaDelegate {

    private final InspectionSteps steps;
    private final WeeklyChecks checks;

    InspectLogsDelegate(InspectionSteps steps, WeeklyChecks checks) {
        this.steps = steps;
        this.checks = checks;
    }

    @Override
    public void execute(DelegateExecution execution) {
        steps.run(execution, WeeklyChecks.LOGS, "로그 크기", checks::logs);
    }
}
