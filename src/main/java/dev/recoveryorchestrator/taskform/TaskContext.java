package dev.recoveryorchestrator.taskform;

import java.util.List;

/**
 * The incident as a task's form shows it, written as the task's local variable {@value #VARIABLE} (JSON text) when
 * the task is created. Times are ISO-8601 instants (the form counts elapsed and remaining time from them) and the
 * same in {@code recovery.time-zone} as people read them. Every text comes from outside (an alert, a log, a
 * person) and the form only ever shows it as text.
 *
 * @param drill true when the incident is a DR drill
 * @param tried what the machine (and people) did so far, oldest first: {@code HH:mm 단계 (누가): 결과}
 * @param logLines the last lines of the target's log at the time the task was created
 * @param links relative links: the audit trail of the incident's lifecycle in Cockpit ({@link
 *     dev.recoveryorchestrator.incident.AuditTrail}), the incident and its report
 */
public record TaskContext(
        String incidentId,
        String shortId,
        String type,
        String typeName,
        String scope,
        String summary,
        String target,
        String tier,
        boolean drill,
        String openedAt,
        String rtoDeadline,
        String acceptableDeadline,
        String nextTierAt,
        String nextTierName,
        String timeZone,
        String openedAtText,
        String rtoDeadlineText,
        String acceptableDeadlineText,
        String nextTierAtText,
        String ask,
        List<String> findings,
        List<String> tried,
        List<String> logLines,
        String logProblem,
        Links links) {

    /** The task-local variable that holds the context as JSON text. */
    public static final String VARIABLE = "taskContext";

    /** A task outside any incident (an inspection's): only whether it is a drill's, the zone and what it asks. */
    static TaskContext outsideIncident(boolean drill, String timeZone, String ask) {
        return new TaskContext(null, null, null, null, null, null, null, null, drill, null, null, null, null, null,
                timeZone, null, null, null, null, ask, List.of(), List.of(), List.of(), null, null);
    }

    /** The same context with other lists (shortened to fit the variable). */
    TaskContext withLists(List<String> findings, List<String> tried, List<String> logLines) {
        return new TaskContext(incidentId, shortId, type, typeName, scope, summary, target, tier, drill, openedAt,
                rtoDeadline, acceptableDeadline, nextTierAt, nextTierName, timeZone, openedAtText, rtoDeadlineText,
                acceptableDeadlineText, nextTierAtText, ask, findings, tried, logLines, logProblem, links);
    }

    /** Relative links (the form adds the origin it was loaded from). */
    public record Links(String cockpit, String incident, String report) {
    }
}
