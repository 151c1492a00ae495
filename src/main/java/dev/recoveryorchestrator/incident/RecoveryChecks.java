package dev.recoveryorchestrator.incident;

import dev.recoveryorchestrator.action.HealthCheckSettings;
import dev.recoveryorchestrator.action.HealthCheckSettings.Retry;
import dev.recoveryorchestrator.action.HealthProbe;
import dev.recoveryorchestrator.action.HealthProbe.Health;
import dev.recoveryorchestrator.action.TargetSettings;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The lifecycle's question "is the service back?" for an incident's type: {@code /api/health} answering healthy and,
 * where the type's runbook provides one, its own {@link RecoveryCheck} passing too.
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

    /** One look: {@code /api/health}, and when it passes the type's own check, if it has one. */
    Health check(FailureType type) {
        Health health = probe.check(target.healthUrl(), settings.timeout());
        RecoveryCheck own = byType.get(type);
        return own == null || !health.healthy() ? health : own.look();
    }

    /** Up to {@code retry.attempts()} looks, {@code retry.interval()} apart, stopping at the first healthy one. */
    Health checkRepeatedly(FailureType type, Retry retry) throws InterruptedException {
        Health health = check(type);
        for (int attempt = 1; !health.healthy() && attempt < retry.attempts(); attempt++) {
            Thread.sleep(retry.interval().toMillis());
            health = check(type);
        }
        return health;
    }
}
