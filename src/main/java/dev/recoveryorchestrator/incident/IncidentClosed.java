package dev.recoveryorchestrator.incident;

/**
 * An OPEN incident was closed without a recovery (by a person, by its runbook, or because its lifecycle ended);
 * heard once, after the transaction that closed it commits.
 */
public record IncidentClosed(Incident incident) {
}
