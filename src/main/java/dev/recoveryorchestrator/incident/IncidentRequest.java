package dev.recoveryorchestrator.incident;

import java.time.Instant;

/**
 * A validated request to open an incident, from a person, the monitor or an alert.
 *
 * @param occurredAt when the failure began, when the source knows it (the monitor's first failed check); the
 *     incident's clock (tiers, RTO, downtime) starts there. Null means now.
 */
public record IncidentRequest(FailureType type, Scope scope, String summary, String source, String openedBy,
        Instant occurredAt) {

    public IncidentRequest(FailureType type, Scope scope, String summary, String source, String openedBy) {
        this(type, scope, summary, source, openedBy, null);
    }
}
