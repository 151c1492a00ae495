package dev.recoveryorchestrator.incident;

/** An escalation tier (its group) joined the incident; heard after the transaction that recorded it commits. */
public record IncidentEscalated(String incidentId, String tier) {
}
