package dev.recoveryorchestrator.incident;

import dev.recoveryorchestrator.action.HealthProbe.Health;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** The {@link RecoveryCondition}s of every type, applied after a passing health check. */
@Component
class RecoveryConditions {

    private final ObjectProvider<RecoveryCondition> conditions;

    RecoveryConditions(ObjectProvider<RecoveryCondition> conditions) {
        this.conditions = conditions;
    }

    /** {@code health} when it failed or the type has no condition; else the first failing condition, or health. */
    Health also(FailureType type, Health health) {
        if (!health.healthy()) {
            return health;
        }
        return conditions.orderedStream().filter(condition -> condition.type() == type)
                .map(RecoveryCondition::check)
                .filter(result -> !result.healthy())
                .findFirst().orElse(health);
    }
}
