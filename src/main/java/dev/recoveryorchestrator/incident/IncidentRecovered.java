package dev.recoveryorchestrator.incident;

/** Recovery was recorded (recoveredAt, downtime); heard once, after the transaction that recorded it commits. */
public record IncidentRecovered(Incident incident) {
}
