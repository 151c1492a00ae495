package dev.recoveryorchestrator.incident;

import dev.recoveryorchestrator.action.Attempts;
import dev.recoveryorchestrator.action.HealthCheckSettings;
import dev.recoveryorchestrator.action.HealthProbe.Health;
import dev.recoveryorchestrator.config.EngineClock;
import java.time.Instant;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_CheckAfterAlertResolved} (알림 해결 후 헬스 체크): an alert about the incident was resolved. The alert's
 * word is not a recovery: the lifecycle checks health itself (with the type's own {@link RecoveryCheck}, as its health
 * watch does), {@code recovery.health-check.verify.attempts} times
 * {@code interval} apart, and only when every check passes does it set {@code alertResolvedHealthy}, after which
 * the response ends as when the health watch notices recovery (recoveredAt is the first of these checks).
 * <p>
 * Passing checks count, and a recovery is recorded, by the rule the health watch shares
 * ({@link RecoveryChecks#passesCount}, {@link RecoveryChecks#recovered}): an incident opened on an alert while the
 * service answers is decided by its runbook's triage, not by the alert going away.
 */
@Component("alertResolvedCheckDelegate")
class AlertResolvedCheckDelegate implements JavaDelegate {

    static final String HEALTHY = "alertResolvedHealthy";
    private final IncidentService incidents;
    private final RecoveryChecks recovery;
    private final HealthCheckSettings checks;

    AlertResolvedCheckDelegate(IncidentService incidents, RecoveryChecks recovery, HealthCheckSettings checks) {
        this.incidents = incidents;
        this.recovery = recovery;
        this.checks = checks;
    }

    @Override
    public void execute(DelegateExecution execution) throws InterruptedException {
        String incidentId = IncidentVariables.incidentId(execution);
        execution.setVariable(HEALTHY, false);
        Incident incident = incidents.find(incidentId).orElseThrow();
        if (!RecoveryChecks.passesCount(incident)) {
            incidents.note(incidentId, "알림 해결 후 헬스 체크", "증상이 확인되지 않은 장애라 알림 해결만으로는 종료하지 않음 (분류 작업이 결정)");
            return;
        }
        Instant first = EngineClock.now();
        HealthCheckSettings.Retry verify = checks.verify();
        Attempts.Outcome<Health> checked = Attempts.until(verify, () -> recovery.check(incident.type()),
                health -> !health.healthy());
        if (!checked.last().healthy()) {
            incidents.note(incidentId, "알림 해결 후 헬스 체크", "실패 (" + checked.attempt() + "/" + verify.attempts()
                    + "), 복구 계속: " + checked.last().detail());
            return;
        }
        incidents.note(incidentId, "알림 해결 후 헬스 체크", "연속 " + verify.attempts() + "회 통과: 복구 확인, 에스컬레이션과 작업 종료");
        RecoveryChecks.recovered(execution, first, "알림 해결 후 헬스 체크 통과");
        execution.setVariable(HEALTHY, true);
    }
}
