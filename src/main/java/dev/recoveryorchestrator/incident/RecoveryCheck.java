package dev.recoveryorchestrator.incident;

import dev.recoveryorchestrator.action.HealthProbe.Health;

/**
 * How the lifecycle sees that one failure type's outage is over, where {@code /api/health} alone cannot say it: a
 * network outage leaves the health endpoint answering on loopback all along (only the host's ports answering again
 * through its address end it); a broken database or model leaves it answering while predictions fail. A runbook's
 * package provides one as a bean; the lifecycle's health watch and its verification ({@code Task_WatchHealth},
 * {@code Task_VerifyRecovery}) count an incident of that type recovered only when the health check and this pass
 * ({@link RecoveryChecks}).
 */
public interface RecoveryCheck {

    FailureType type();

    /** One bounded look: healthy when the service is back as far as this type's failure goes; the detail is data. */
    Health look();
}
