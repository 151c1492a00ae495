package dev.recoveryorchestrator.runbook;

import dev.recoveryorchestrator.action.HealthCheckSettings;
import dev.recoveryorchestrator.action.HealthProbe;
import dev.recoveryorchestrator.action.HealthProbe.Health;
import dev.recoveryorchestrator.action.TargetSettings;
import dev.recoveryorchestrator.incident.TimelineCode;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * A runbook's health check after a recovery action (복구 절차: 헬스 체크): {@code /api/health} tried up to
 * {@code recovery.health-check.after-action.attempts} times until it answers healthy. Sets {@code healthy}.
 */
@Component("healthCheckDelegate")
class HealthCheckDelegate implements JavaDelegate {

    static final String HEALTHY = "healthy";
    private final HealthProbe probe;
    private final TargetSettings target;
    private final HealthCheckSettings settings;
    private final Findings findings;

    HealthCheckDelegate(HealthProbe probe, TargetSettings target, HealthCheckSettings settings, Findings findings) {
        this.probe = probe;
        this.target = target;
        this.settings = settings;
        this.findings = findings;
    }

    @Override
    public void execute(DelegateExecution execution) throws InterruptedException {
        Health health = probe.checkRepeatedly(target.healthUrl(), settings.timeout(), settings.afterAction());
        findings.record(execution, health.healthy() ? TimelineCode.HEALTH_PASSED : TimelineCode.HEALTH_FAILED,
                "헬스 체크: " + (health.healthy() ? "정상"
                : settings.afterAction().attempts() + "회 실패") + " - " + health.detail());
        execution.setVariable(HEALTHY, health.healthy());
    }
}
