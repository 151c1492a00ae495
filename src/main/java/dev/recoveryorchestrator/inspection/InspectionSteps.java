package dev.recoveryorchestrator.inspection;

import java.util.concurrent.Callable;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Runs one check step of an inspection: the check's result is recorded, a check that throws is recorded as
 * {@code NOT_RUN} with the reason (it never wedges the process), and a check that did not pass gets a task.
 */
@Component
public class InspectionSteps {

    private static final Logger log = LoggerFactory.getLogger(InspectionSteps.class);

    private final InspectionResults results;

    InspectionSteps(InspectionResults results) {
        this.results = results;
    }

    public CheckResult run(DelegateExecution execution, String check, String title, Callable<CheckResult> step) {
        CheckResult result;
        try {
            result = step.call();
        } catch (Exception | LinkageError e) {
            log.warn("Inspection {} check {} could not run", execution.getProcessInstanceId(), check, e);
            result = CheckResult.notRun(check, title, "점검 실행 불가: " + e.getClass().getSimpleName()
                            + (e.getMessage() == null ? "" : ": " + e.getMessage()),
                    "오류 내용을 보고 설정·폴더·도구 확인 후 점검을 다시 실행 (POST /api/inspections/"
                            + InspectionVariables.kind(execution) + ")");
        }
        results.record(execution.getProcessInstanceId(), InspectionVariables.kind(execution), result);
        if (!result.passed()) {
            InspectionVariables.addFailed(execution, check);
        }
        return result;
    }
}
