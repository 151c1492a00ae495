package dev.recoveryorchestrator.escalation;

import org.camunda.bpm.engine.delegate.VariableScope;

/** The element variable of the lifecycle's tier sub-process: the group of the tier being escalated to. */
final class TierVariables {

    static final String TIER = "tier";

    private TierVariables() {
    }

    static String group(VariableScope scope) {
        return (String) scope.getVariable(TIER);
    }
}
