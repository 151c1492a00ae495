package dev.recoveryorchestrator.inspection.weekly;

import dev.recoveryorchestrator.inspection.InspectionSteps;
import dev.recoveryorchestrator.inspection.WeeklyChecks;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code Task_CheckHealth} (헬스 체크): the health endpoint answers ok. */
@Component
class InspectHealthDelegate implements JavaDelegate {

    private final InspectionSteps steps;
    private final WeeklyChecks checks;

    InspectHealthDelegate(InspectionSteps steps, WeeklyChecks checks) {
        this.steps = steps;
        this.checks = checks;
    }

    @Override
    public void execute(DelegateExecution execution) {
        steps.run(execution, WeeklyChecks.HEALTH, "헬스 체크", checks::health);
    }
}
