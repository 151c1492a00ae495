package dev.recoveryorchestrator.incident;

/** Where an incident stands: open until the health check passes again, closed once reviewed. */
public enum IncidentState {
    OPEN,
    RECOVERED,
    CLOSED
}
