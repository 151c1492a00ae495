package dev.recoveryorchestrator.incident;

import dev.recoveryorchestrator.action.HealthProbe.Health;

/**
 * A failure type's own sign that its symptom is gone, beyond {@code /api/health}: a backend whose database is broken
 * still answers its health check. The lifecycle's health watch and its recovery check pass for an incident of
 * {@link #type()} only when this passes too. A runbook package provides one as a bean where health alone says nothing
 * (Type 2: the predict request succeeds and the database file opens).
 */
public interface RecoveryCondition {

    FailureType type();

    /** Bounded like a health check; {@code healthy} when the type's symptom is gone. */
    Health check();
}
