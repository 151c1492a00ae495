package dev.recoveryorchestrator.incident;

import java.time.Instant;

/**
 * A validated request to open an incident, from a person, the monitor or an alert.
 *
 * @param occurredAt when the failure began, when the source knows it (the monitor's first failed check); the
 *     incident's clock (tiers, RTO, downtime) starts there. Null means now.
 * @param confirmedByCheck whether a check of ours observed the symptom (the monitor's failed checks): the
 *     symptom then counts as confirmed from {@code occurredAt}. A person's or an alert's word does not.
 * @param relapseOf the incident of the same type that recovered shortly before this failure ("재발"), named in the
 *     new incident's row and timeline; null when this is no relapse
 */
public record IncidentRequest(FailureType type, Scope scope, String summary, String source, String openedBy,
        Instant occurredAt, boolean confirmedByCheck, String relapseOf) {

    public IncidentRequest(FailureType type, Scope scope, String summary, String source, String openedBy,
            Instant occurredAt, boolean confirmedByCheck) {
        this(type, scope, summary, source, openedBy, occurredAt, confirmedByCheck, null);
    }

    public IncidentRequest(FailureType type, Scope scope, String summary, String source, String openedBy) {
        this(type, scope, summary, source, openedBy, null, false);
    }

    public IncidentRequest(FailureType type, Scope scope, String summary, String source, String openedBy,
            Instant occurredAt) {
        this(type, scope, summary, source, openedBy, occurredAt, false);
    }
}
