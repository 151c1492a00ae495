package dev.recoveryorchestrator.incident;

import java.time.Duration;
import java.time.Instant;

/** One incident as stored in our own table; the process instance holds the rest of its history. */
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
        String processInstanceId) {

    /** The first eight characters of an incident id: how task names, mail subjects and file names show it. */
    public static String shortId(String incidentId) {
        return incidentId.substring(0, 8);
    }
}
