package dev.recoveryorchestrator.escalation;

import dev.recoveryorchestrator.config.ProcessVariables;
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
        return ProcessVariables.text(scope, NOTE).strip();
    }

    static String externalSupport(VariableScope scope) {
        return ProcessVariables.text(scope, EXTERNAL_SUPPORT, "internal");
    }
}
