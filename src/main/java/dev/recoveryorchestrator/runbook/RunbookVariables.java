package dev.recoveryorchestrator.runbook;

import dev.recoveryorchestrator.incident.IncidentVariables;
import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * Typed access to the variables every runbook shares: its findings (what the diagnosis and recovery steps found,
 * shown to the people who take over), whether its symptom was confirmed, and what it concluded.
 */
public final class RunbookVariables {

    public static final String FINDINGS = IncidentVariables.FINDINGS;
    public static final String SYMPTOM_CONFIRMED = "symptomConfirmed";
    public static final String ATTEMPT_GRANTED = "automaticAttemptGranted";
    private static final int MAX_FINDINGS = 3500;

    private RunbookVariables() {
    }

    /** Adds a line to the findings; the oldest lines go first when it grows. */
    public static void addFinding(VariableScope scope, String line) {
        Object before = scope.getVariable(FINDINGS);
        String text = (before == null ? "" : before + "\n") + "- " + line.replaceAll("\\s+", " ").strip();
        if (text.length() > MAX_FINDINGS) {
            text = "…" + text.substring(text.length() - MAX_FINDINGS);
        }
        scope.setVariable(FINDINGS, text);
    }

    public static String findings(VariableScope scope) {
        return IncidentVariables.findings(scope);
    }

    public static void symptomConfirmed(VariableScope scope, boolean confirmed) {
        scope.setVariable(SYMPTOM_CONFIRMED, confirmed);
    }

    /**
     * A person concluded the runbook without recovery: a false alarm, or another type's failure. The end event the
     * runbook then reaches returns the outcome ({@link RunbookEndListener}); the lifecycle closes the incident.
     */
    static void concluded(VariableScope scope, String reason, String reclassifyTo, String decidedBy) {
        scope.setVariable(IncidentVariables.CLOSED_REASON, reason);
        scope.setVariable(IncidentVariables.RECLASSIFY_TO, reclassifyTo);
        scope.setVariable(IncidentVariables.DECIDED_BY, decidedBy);
    }
}
