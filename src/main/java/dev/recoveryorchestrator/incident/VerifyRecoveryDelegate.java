package dev.recoveryorchestrator.incident;

import dev.recoveryorchestrator.action.HealthCheckSettings;
import dev.recoveryorchestrator.action.HealthProbe;
import dev.recoveryorchestrator.action.HealthProbe.Health;
import dev.recoveryorchestrator.action.TargetSettings;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_VerifyRecovery} (헬스 체크 통과 확인): whatever the runbook did, recovery counts only when the
 * health check passes again. Sets {@code serviceHealthy}.
 */
@Component("verifyRecoveryDelegate")
class VerifyRecoveryDelegate implements JavaDelegate {

    static final String SERVICE_HEALTHY = "serviceHealthy";
    private final IncidentService incidents;
    private final HealthProbe probe;
    private final TargetSettings target;
    private final HealthCheckSettings settings;
    private final RecoveryConditions conditions;

    VerifyRecoveryDelegate(IncidentService incidents, HealthProbe probe, TargetSettings target, HealthCheckSettings settings,
            RecoveryConditions conditions) {
        this.conditions = conditions;
        this.incidents = incidents;
        this.probe = probe;
        this.target = target;
        this.settings = settings;
    }

    @Override
    public void execute(DelegateExecution execution) throws InterruptedException {
        Health health = conditions.also(IncidentVariables.failureType(execution),
                probe.checkRepeatedly(target.healthUrl(), settings.timeout(), settings.verify()));
        incidents.note(IncidentVariables.incidentId(execution), "헬스 체크 통과 확인",
                (health.healthy() ? "통과: " : "실패, 복구 절차를 다시 수행: ") + health.detail());
        execution.setVariable(SERVICE_HEALTHY, health.healthy());
    }
}
