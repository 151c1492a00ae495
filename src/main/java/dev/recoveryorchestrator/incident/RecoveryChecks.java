package dev.recoveryorchestrator.incident;

import dev.recoveryorchestrator.action.Attempts;
import dev.recoveryorchestrator.action.HealthCheckSettings;
import dev.recoveryorchestrator.action.HealthCheckSettings.Retry;
import dev.recoveryorchestrator.action.HealthProbe;
import dev.recoveryorchestrator.action.HealthProbe.Health;
import dev.recoveryorchestrator.action.TargetSettings;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.stereotype.Component;

/**
 * The lifecycle's question "is the service back?" for an incident's type: {@code /api/health} answering healthy and,
 * where the type's runbook provides one, its own {@link RecoveryCheck} passing too.
 * <p>
 * It also holds the one rule by which passing checks end a response without {@code Task_VerifyRecovery}, shared by the
 * health watch ({@link HealthWatchDelegate}) and the check after a resolved alert ({@link AlertResolvedCheckDelegate}):
 * passes count only once the symptom was confirmed ({@link #passesCount}); a number of them in a row is a recovery,
 * as of the first ({@link #recovered}).
 */
@Component
class RecoveryChecks {

    private final Map<FailureType, RecoveryCheck> byType = new EnumMap<>(FailureType.class);
    private final HealthProbe probe;
    private final TargetSettings target;
    private final HealthCheckSettings settings;

    RecoveryChecks(List<RecoveryCheck> checks, HealthProbe probe, TargetSettings target, HealthCheckSettings settings) {
        for (RecoveryCheck check : checks) {
            if (byType.put(check.type(), check) != null) {
                throw new IllegalStateException("two recovery checks for " + check.type());
            }
        }
        this.probe = probe;
        this.target = target;
        this.settings = settings;
    }

    /**
     * Whether passing checks may count as the incident's recovery: only once its symptom was confirmed. An incident
     * opened on a person's word or an alert while the service answers is not "recovered" by the service answering;
     * its runbook's triage decides what it was.
     */
    static boolean passesCount(Incident incident) {
        return incident.symptomConfirmedAt() != null;
    }

    /**
     * Records a recovery noticed by passing checks: recoveredAt is the first of them (the end of the downtime), and
     * {@code how} becomes recoveredBy unless the runbook already said how it brought the service back.
     */
    static void recovered(VariableScope scope, Instant firstPass, String how) {
        IncidentVariables.recoveredAt(scope, firstPass);
        if ("-".equals(IncidentVariables.recoveredBy(scope))) {
            IncidentVariables.setRecoveredBy(scope, how);
        }
    }

    /** One look: {@code /api/health}, and when it passes the type's own check, if it has one. */
    Health check(FailureType type) {
        Health health = probe.check(target.healthUrl(), settings.timeout());
        RecoveryCheck own = byType.get(type);
        return own == null || !health.healthy() ? health : own.look();
    }

    /** Up to {@code retry.attempts()} looks, {@code retry.interval()} apart, stopping at the first healthy one. */
    Health checkRepeatedly(FailureType type, Retry retry) throws InterruptedException {
        return Attempts.until(retry, () -> check(type), Health::healthy).last();
    }
}
