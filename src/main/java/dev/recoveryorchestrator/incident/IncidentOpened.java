package dev.recoveryorchestrator.incident;

/**
 * An incident was opened and its lifecycle started. Published inside the transaction that stored it; listeners
 * hear it after that transaction commits ({@code @TransactionalEventListener}), never for a rolled-back open.
 */
public record IncidentOpened(Incident incident) {
}
