package dev.recoveryorchestrator.runbook.containerfailure;

import dev.recoveryorchestrator.config.ProcessVariables;
import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * Typed access to Type 4's own variables: what the diagnosis found (container trouble, the port holder the runbook
 * acts on and the verdict on it) and what the recovery did. The holder's pid and start time are only a pointer: the
 * stop step reads the port's listener again and judges it again before it signals anything.
 */
final class ContainerFailureVariables {

    static final String CONTAINER_TROUBLE = "containerTrouble";
    static final String LISTING_AVAILABLE = "containerListingAvailable";
    static final String HOLDER_VERDICT = "holderVerdict";
    static final String HOLDER_PORT = "holderPort";
    static final String HOLDER_PID = "holderPid";
    static final String HOLDER_STARTED = "holderStarted";
    static final String HOLDER_DESCRIPTION = "holderDescription";
    static final String HOLDER_STOPPED = "holderStopped";
    static final String STOPS = "portHolderStops";
    static final String VOLUMES_PRESENT = "volumesPresent";
    /** The verdict when no foreign process holds a port. */
    static final String NO_CONFLICT = "none";
    /** The verdict when a person must take over (a protected holder, or too many stops). */
    static final String MANUAL = "manual";

    private ContainerFailureVariables() {
    }

    static void holder(VariableScope scope, String verdict, PortHolder holder) {
        scope.setVariable(HOLDER_VERDICT, verdict);
        scope.setVariable(HOLDER_PORT, holder == null ? null : holder.port());
        scope.setVariable(HOLDER_PID, holder == null ? null : holder.pid());
        scope.setVariable(HOLDER_STARTED, holder == null ? null : holder.startedMillis());
        scope.setVariable(HOLDER_DESCRIPTION, holder == null ? null : holder.describe());
    }

    static String verdict(VariableScope scope) {
        return ProcessVariables.text(scope, HOLDER_VERDICT, NO_CONFLICT);
    }

    static String holderDescription(VariableScope scope) {
        return ProcessVariables.text(scope, HOLDER_DESCRIPTION, "-");
    }

    /** The port and pid the approval was given for; null when the variables do not hold numbers. */
    static Target stopTarget(VariableScope scope) {
        if (scope.getVariable(HOLDER_PORT) instanceof Integer port && scope.getVariable(HOLDER_PID) instanceof Long pid) {
            Object started = scope.getVariable(HOLDER_STARTED);
            return new Target(port, pid, started instanceof Long millis ? millis : null);
        }
        return null;
    }

    static int stops(VariableScope scope) {
        return scope.getVariable(STOPS) instanceof Integer count ? count : 0;
    }

    static void countStop(VariableScope scope) {
        scope.setVariable(STOPS, stops(scope) + 1);
    }

    record Target(int port, long pid, Long startedMillis) {
    }
}
