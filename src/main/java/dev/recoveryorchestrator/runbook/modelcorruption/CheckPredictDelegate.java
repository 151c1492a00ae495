package dev.recoveryorchestrator.runbook.modelcorruption;

import dev.recoveryorchestrator.action.HealthProbe.Answer;
import dev.recoveryorchestrator.incident.IncidentVariables;
import dev.recoveryorchestrator.runbook.Findings;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_CheckPredict} (예측 확인): after the restart and the health check, one {@code /api/predict} (the
 * configured read-only request) must succeed: a 2xx answer without {@code Model not found}. Sets {@code predictOk};
 * when it succeeds, what put the good model in place is what recovered the service (or the task's input parameter
 * {@code recoveryMethod}, as the last resort's).
 */
@Component("checkPredictDelegate")
class CheckPredictDelegate implements JavaDelegate {

    static final String STEP = "예측 확인";
    private final PredictProbe predict;
    private final Findings findings;

    CheckPredictDelegate(PredictProbe predict, Findings findings) {
        this.predict = predict;
        this.findings = findings;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Answer answer = predict.ask();
        boolean ok = predict.succeeded(answer);
        findings.record(execution, STEP, STEP + ": " + (ok ? "성공" : "실패") + " - " + answer.detail());
        ModelCorruptionVariables.predictOk(execution, ok);
        if (ok) {
            Object method = execution.getVariableLocal("recoveryMethod");
            IncidentVariables.setRecoveredBy(execution, method != null ? method.toString()
                    : ModelCorruptionVariables.recoveryMethod(execution));
        }
    }
}
