package dev.recoveryorchestrator.incident;

/** A validated request to open an incident, from a person, the monitor or an alert. */
public record IncidentRequest(FailureType type, Scope scope, String summary, String source, String openedBy) {
}
