package dev.recoveryorchestrator.inspection.drill;

import dev.recoveryorchestrator.config.ProcessVariables;
import dev.recoveryorchestrator.inspection.Inspections;
import java.time.Instant;
import java.util.Date;
import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * Typed access to the variables of {@code inspection-drill}; no other class reads them by name. In: {@code drillType}
 * (a failure type id, from the caller or the start form). Out, for {@code inspection-monthly}: {@code drillOutcome},
 * {@code drillRecoverySeconds} (Long, null unless recovered), {@code drillRtoTargetSeconds} (Long),
 * {@code drillIncidentId}.
 */
final class DrillVariables {

    static final String PROCESS = Inspections.DRILL;
    static final String TYPE = "drillType";
    static final String STARTED_BY = "drillStartedBy";
    static final String ID = "drillId";
    static final String STARTED_AT = "drillStartedAt";
    static final String ALLOWED = "drillAllowed";
    static final String FINDING = "drillFinding";
    static final String WINDOW_ID = "drillWindowId";
    static final String INJECTED = "drillInjected";
    static final String INJECTED_AT = "drillInjectedAt";
    static final String INCIDENT_ID = "drillIncidentId";
    static final String INCIDENT_ENDED = "drillIncidentEnded";
    static final String TIMED_OUT = "drillTimedOut";
    static final String TARGET_HEALTHY = "drillTargetHealthy";
    static final String OUTCOME = "drillOutcome";
    static final String RECOVERY_SECONDS = "drillRecoverySeconds";
    static final String RTO_TARGET_SECONDS = "drillRtoTargetSeconds";
    /** Written by the called {@code run-action} when the drill restores the target itself. */
    static final String ACTION_SUCCEEDED = "actionSucceeded";
    static final String ACTION_OUTCOME = "actionOutcome";

    private DrillVariables() {
    }

    /** The requested type as given: data, possibly hostile, possibly not text at all. */
    static Object requestedType(VariableScope scope) {
        return scope.getVariable(TYPE);
    }

    static String startedBy(VariableScope scope) {
        return ProcessVariables.text(scope, STARTED_BY, null);
    }

    static String text(VariableScope scope, String name) {
        return ProcessVariables.text(scope, name);
    }

    static boolean flag(VariableScope scope, String name) {
        return ProcessVariables.flag(scope, name);
    }

    static Instant instant(VariableScope scope, String name) {
        Object value = scope.getVariable(name);
        return value == null ? null : ((Date) value).toInstant();
    }

    static void instant(VariableScope scope, String name, Instant at) {
        scope.setVariable(name, Date.from(at));
    }

    /** Adds one line to what the drill found (shown on the Cockpit instance and kept in {@code ro_drill}). */
    static void find(VariableScope scope, String line) {
        String so = text(scope, FINDING);
        scope.setVariable(FINDING, so.isEmpty() ? line : so + "\n" + line);
    }
}
