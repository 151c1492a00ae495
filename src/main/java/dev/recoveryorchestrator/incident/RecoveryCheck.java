package dev.recoveryorchestrator.incident;

import dev.recoveryorchestrator.action.HealthProbe.Health;

/**
 * How the lifecycle sees that one failure type's outage is over, where {@code /api/health} cannot say it: a network
 * outage leaves the health endpoint answering on loopback all along, so only the host's ports answering again
 * through its address end it. A runbook's package provides one as a bean; the lifecycle's health watch and its
 * verification ({@code Task_WatchHealth}, {@code Task_VerifyRecovery}) use it for that type and the health check
 * for every other ({@link RecoveryChecks}).
 */
public interface RecoveryCheck {

    FailureType type();

    /** One bounded look: healthy when the service is back as far as this type's failure goes; the detail is data. */
    Health look();
}
