package dev.recoveryorchestrator.incident;

import dev.recoveryorchestrator.action.HealthCheckSettings;
import dev.recoveryorchestrator.action.HealthProbe.Health;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_VerifyRecovery} (헬스 체크 통과 확인): whatever the runbook did, recovery counts only when the
 * health check passes again (or, for a type with its own {@link RecoveryCheck}, that check). Sets
 * {@code serviceHealthy}.
 */
@Component("verifyRecoveryDelegate")
class VerifyRecoveryDelegate implements JavaDelegate {

    static final String SERVICE_HEALTHY = "serviceHealthy";
    private final IncidentService incidents;
    private final RecoveryChecks checks;
    private final HealthCheckSettings settings;

    VerifyRecoveryDelegate(IncidentService incidents, RecoveryChecks checks, HealthCheckSettings settings) {
        this.incidents = incidents;
        this.checks = checks;
        this.settings = settings;
    }

    @Override
    public void execute(DelegateExecution execution) throws InterruptedException {
        Health health = checks.checkRepeatedly(IncidentVariables.failureType(execution), settings.verify());
        incidents.note(IncidentVariables.incidentId(execution), "헬스 체크 통과 확인",
                (health.healthy() ? "통과: " : "실패, 복구 절차를 다시 수행: ") + health.detail());
        execution.setVariable(SERVICE_HEALTHY, health.healthy());
    }
}
