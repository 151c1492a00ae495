package dev.recoveryorchestrator.incident;

import java.time.Duration;
import java.time.Instant;

/**
 * One incident as stored in our own table; the process instance holds the rest of its history.
 *
 * @param symptomConfirmedAt when a check confirmed the failure (the monitor's failed checks, the runbook's
 *     confirmation step); null while only a person's word says so
 * @param closedReason why it was closed without a confirmed recovery (false alarm, reclassified, closed by a
 *     person, orphaned); null unless CLOSED
 * @param temporaryMeasure a temporary measure in force (Type 2: read-only mode), shown until it is switched off;
 *     null when none
 * @param drill a DR drill's incident (훈련, process {@code inspection-drill}): it runs the same lifecycle and runbook,
 *     but never pages the approver tier and never counts in real incident figures
 */
public record Incident(
        String id,
        FailureType type,
        String target,
        String scope,
        String summary,
        String source,
        String openedBy,
        IncidentState state,
        String tier,
        boolean critical,
        Instant openedAt,
        Instant rtoDeadline,
        Instant recoveredAt,
        Duration downtime,
        String processInstanceId,
        Instant symptomConfirmedAt,
        Instant closedAt,
        String closedReason,
        String closedBy,
        String temporaryMeasure,
        boolean drill) {

    /**
     * A new incident as it is first recorded: OPEN, no tier yet, not critical, nothing recovered or closed, no process
     * yet and no measure in force.
     *
     * @param symptomConfirmedAt when a check confirmed the failure already (the monitor's failed checks); null when
     *     only a person's word says so
     */
    static Incident opened(String id, FailureType type, String target, String scope, String summary, String source,
            String openedBy, Instant openedAt, Instant rtoDeadline, Instant symptomConfirmedAt, boolean drill) {
        return new Incident(id, type, target, scope, summary, source, openedBy, IncidentState.OPEN, null, false, openedAt,
                rtoDeadline, null, null, null, symptomConfirmedAt, null, null, null, null, drill);
    }

    /** The first eight characters of an incident id: how task names, mail subjects and file names show it. */
    public static String shortId(String incidentId) {
        return incidentId.substring(0, 8);
    }
}
