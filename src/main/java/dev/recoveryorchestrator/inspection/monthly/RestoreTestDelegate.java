package dev.recoveryorchestrator.inspection.monthly;

import dev.recoveryorchestrator.action.InlineLimit;
import dev.recoveryorchestrator.inspection.InspectionSettings;
import dev.recoveryorchestrator.inspection.InspectionSteps;
import dev.recoveryorchestrator.inspection.RestoreTest;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code Task_RestoreTest} (백업 복원 테스트): restores the newest backup into a scratch folder and compares it. */
@Component
class RestoreTestDelegate implements JavaDelegate {

    private final InspectionSteps steps;
    private final RestoreTest restoreTest;

    RestoreTestDelegate(InspectionSteps steps, RestoreTest restoreTest, InspectionSettings settings, InlineLimit limit) {
        this.steps = steps;
        this.restoreTest = restoreTest;
        // Every copy of the step shares restore-limit; opening and comparing the copy come on top, bounded by its size.
        limit.require("recovery.inspection.restore-limit", settings.restoreLimit(), "");
    }

    @Override
    public void execute(DelegateExecution execution) {
        steps.run(execution, RestoreTest.CHECK, RestoreTest.TITLE, restoreTest::run);
    }
}
