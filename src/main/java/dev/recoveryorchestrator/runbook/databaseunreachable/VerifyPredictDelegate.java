package dev.recoveryorchestrator.runbook.databaseunreachable;

import dev.recoveryorchestrator.action.HealthProbe.Health;
import dev.recoveryorchestrator.config.ProcessVariables;
import dev.recoveryorchestrator.incident.IncidentVariables;
import dev.recoveryorchestrator.runbook.Findings;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_VerifyPredict} (예측 요청 확인): after the restart and the health check, the configured predict request
 * must succeed (tried up to {@code recovery.health-check.after-action.attempts} times while the service warms up).
 * Sets {@code predictOk}; on success what fixed the database becomes what recovered the service.
 */
@Component("verifyPredictDelegate")
class VerifyPredictDelegate implements JavaDelegate {

    private final DatabaseChecks checks;
    private final Findings findings;

    VerifyPredictDelegate(DatabaseChecks checks, Findings findings) {
        this.checks = checks;
        this.findings = findings;
    }

    @Override
    public void execute(DelegateExecution execution) throws InterruptedException {
        Health predict = checks.predictRepeatedly();
        findings.record(execution, "예측 요청 확인", "예측 요청 확인: " + checks.settings().predict().method() + " "
                + checks.settings().predict().path() + " " + (predict.healthy() ? "성공" : "실패") + " - " + predict.detail());
        execution.setVariable(DatabaseUnreachableVariables.PREDICT_OK, predict.healthy());
        String method = ProcessVariables.text(execution, DatabaseUnreachableVariables.RECOVERY_METHOD);
        if (predict.healthy() && !method.isEmpty() && "-".equals(IncidentVariables.recoveredBy(execution))) {
            IncidentVariables.setRecoveredBy(execution, method);
        }
    }
}
