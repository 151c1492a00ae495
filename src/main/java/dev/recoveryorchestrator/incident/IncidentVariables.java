package dev.recoveryorchestrator.incident;

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
                .putValue(RUNBOOK_KEY, incident.type().runbookProcessKey());
    }

    public static String incidentId(VariableScope scope) {
        return (String) scope.getVariable(INCIDENT_ID);
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

    public static String recoveredBy(VariableScope scope) {
        Object how = scope.getVariable(RECOVERED_BY);
        return how == null ? "-" : how.toString();
    }
}
