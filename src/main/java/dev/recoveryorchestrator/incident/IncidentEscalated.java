package dev.recoveryorchestrator.incident;

/**
 * An escalation tier (its group) joined the incident; heard after the transaction that recorded it commits.
 *
 * @param drill whether the incident is a DR drill's (counted apart from real incidents)
 */
public record IncidentEscalated(String incidentId, String tier, boolean drill) {
}
