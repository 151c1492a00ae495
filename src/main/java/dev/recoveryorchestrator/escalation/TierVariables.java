package dev.recoveryorchestrator.escalation;

import org.camunda.bpm.engine.delegate.VariableScope;

/** The variables of the lifecycle's tier sub-process: the tier's group (its element variable) and its form fields. */
final class TierVariables {

    static final String TIER = "tier";
    /** What the person who completed a tier task wrote (form field). */
    static final String NOTE = "note";
    /** The final approver's decision: {@code request} external support or {@code internal} response only. */
    static final String EXTERNAL_SUPPORT = "externalSupport";

    private TierVariables() {
    }

    static String group(VariableScope scope) {
        return (String) scope.getVariable(TIER);
    }

    static String note(VariableScope scope) {
        Object note = scope.getVariable(NOTE);
        return note == null ? "" : note.toString().strip();
    }

    static String externalSupport(VariableScope scope) {
        Object decision = scope.getVariable(EXTERNAL_SUPPORT);
        return decision == null ? "internal" : decision.toString();
    }
}
