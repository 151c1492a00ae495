package dev.recoveryorchestrator.incident;

import static dev.recoveryorchestrator.config.ProcessVariables.flag;
import static dev.recoveryorchestrator.config.ProcessVariables.text;

import java.time.Instant;
import java.util.Date;
import java.util.Map;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.variable.Variables;

/** Typed access to the variables every incident process carries; no other class reads them by name. */
public final class IncidentVariables {

    public static final String INCIDENT_ID = "incidentId";
    public static final String FAILURE_TYPE = "failureType";
    public static final String SCOPE = "scope";
    public static final String SUMMARY = "summary";
    public static final String TARGET = "target";
    public static final String OPENED_AT = "openedAt";
    public static final String RUNBOOK_KEY = "runbookKey";
    public static final String RECOVERED_BY = "recoveredBy";
    /** Why the incident was closed without a confirmed recovery; set when it is. */
    public static final String CLOSED_REASON = "closedReason";
    /**
     * What the runbook concluded when it ended: {@code recovered} (or unset), {@code false-alarm} or
     * {@code reclassified} (then {@link #RECLASSIFY_TO} names the type); the lifecycle closes the incident for the
     * last two.
     */
    public static final String RUNBOOK_OUTCOME = "runbookOutcome";
    public static final String RECLASSIFY_TO = "reclassifyTo";
    /** Who made the runbook's decision (the person who completed the triage task). */
    public static final String DECIDED_BY = "decidedBy";
    /** What the runbook's diagnosis and recovery steps found, one line each (written by the runbooks' steps). */
    public static final String FINDINGS = "findings";
    /** True on a DR drill's lifecycle (훈련): shown in Cockpit, read by the escalation to stop below the approver. */
    public static final String DRILL = "drill";
    public static final String OUTCOME_FALSE_ALARM = "false-alarm";
    public static final String OUTCOME_RECLASSIFIED = "reclassified";
    /** Set by the health watch when it noticed recovery: the first of the passing checks. */
    public static final String RECOVERED_AT = "recoveredAt";

    private IncidentVariables() {
    }

    static Map<String, Object> of(Incident incident) {
        return Variables.createVariables()
                .putValue(INCIDENT_ID, incident.id())
                .putValue(FAILURE_TYPE, incident.type().id())
                .putValue(SCOPE, incident.scope())
                .putValue(SUMMARY, incident.summary() == null ? "" : incident.summary())
                .putValue(TARGET, incident.target())
                .putValue(OPENED_AT, Date.from(incident.openedAt()))
                .putValue(RUNBOOK_KEY, incident.type().runbookProcessKey())
                .putValue(RUNBOOK_OUTCOME, "")
                .putValue(DRILL, incident.drill());
    }

    /** Whether the process belongs to a DR drill's incident; false for instances started before drills existed. */
    public static boolean drill(VariableScope scope) {
        return flag(scope, DRILL);
    }

    public static String incidentId(VariableScope scope) {
        return (String) scope.getVariable(INCIDENT_ID);
    }

    /** The runbook's findings so far, or empty. */
    public static String findings(VariableScope scope) {
        return text(scope, FINDINGS);
    }

    public static FailureType failureType(VariableScope scope) {
        return FailureType.parse((String) scope.getVariable(FAILURE_TYPE)).orElseThrow();
    }

    public static Instant openedAt(VariableScope scope) {
        return ((Date) scope.getVariable(OPENED_AT)).toInstant();
    }

    /** How the runbook brought the service back ({@code automatic}, {@code restart}, {@code rollback}, {@code manual}). */
    public static void setRecoveredBy(VariableScope scope, String how) {
        scope.setVariable(RECOVERED_BY, how);
    }

    public static String runbookOutcome(VariableScope scope) {
        return text(scope, RUNBOOK_OUTCOME);
    }

    public static String closedReason(VariableScope scope) {
        return text(scope, CLOSED_REASON);
    }

    public static String reclassifyTo(VariableScope scope) {
        return text(scope, RECLASSIFY_TO);
    }

    public static String decidedBy(VariableScope scope) {
        return text(scope, DECIDED_BY);
    }

    public static Instant recoveredAt(VariableScope scope) {
        Object at = scope.getVariable(RECOVERED_AT);
        return at == null ? null : ((Date) at).toInstant();
    }

    /** When the service answered healthy first (the end of the downtime); the lifecycle records that, not later. */
    public static void recoveredAt(VariableScope scope, Instant at) {
        scope.setVariable(RECOVERED_AT, Date.from(at));
    }

    public static String recoveredBy(VariableScope scope) {
        return text(scope, RECOVERED_BY, "-");
    }
}
