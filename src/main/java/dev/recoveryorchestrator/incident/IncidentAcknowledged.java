package dev.recoveryorchestrator.incident;

/**
 * An incident was acknowledged for the first time. Published inside the transaction that recorded it: listeners
 * that queue mail hear it in that transaction (the mail is queued with the acknowledgement or not at all), the
 * metrics after it commits.
 */
public record IncidentAcknowledged(Incident incident, Acknowledgement acknowledgement) {
}
