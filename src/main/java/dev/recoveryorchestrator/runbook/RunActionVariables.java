package dev.recoveryorchestrator.runbook;

import dev.recoveryorchestrator.action.Work;
import dev.recoveryorchestrator.action.WorkState;
import dev.recoveryorchestrator.config.Durations;
import dev.recoveryorchestrator.config.ProcessVariables;
import java.time.Instant;
import java.util.Date;
import java.util.Objects;
import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * Typed access to the variables of {@code run-action}: what the caller passes in, the progress shown on the
 * Cockpit instance while the work runs, and what goes back out.
 */
final class RunActionVariables {

    /** In: the configured or built-in action to run. */
    static final String ACTION_NAME = "actionName";
    /** In: the Korean step name for the incident's timeline (서비스 재시작). */
    static final String ACTION_STEP = "actionStep";
    /** Out: whether the action took effect (by its exit code, or by a person's answer when it was lost). */
    static final String ACTION_SUCCEEDED = "actionSucceeded";
    /** Out: SUCCEEDED, FAILED, TIMED_OUT, or the person's answer (SUCCEEDED, FAILED) to a LOST work. */
    static final String ACTION_OUTCOME = "actionOutcome";
    /** Out, and progress: the end of the action's output. */
    static final String ACTION_OUTPUT = "actionOutput";
    static final String WORK_ID = "workId";
    static final String ACTION_STATE = "actionState";
    static final String ACTION_ELAPSED = "actionElapsed";
    static final String ACTION_DEADLINE = "actionDeadline";
    static final String ACTION_NODE = "actionNode";
    static final String ACTION_PID = "actionPid";
    static final String ACTION_DETAIL = "actionDetail";
    static final String ACTION_ADOPTED = "actionAdopted";
    /** Where the model goes after a check: running, ended, lost. */
    static final String ACTION_PROGRESS = "actionProgress";
    /** The form field of the confirmation task: succeeded or failed. */
    static final String ACTION_CONFIRMATION = "actionConfirmation";
    private static final int MAX_STEP = 60;

    private RunActionVariables() {
    }

    static String actionName(VariableScope scope) {
        Object name = scope.getVariable(ACTION_NAME);
        if (!(name instanceof String text) || text.isBlank()) {
            throw new IllegalStateException("run-action needs the variable " + ACTION_NAME + " (the action to run)");
        }
        return text;
    }

    /** The step's name as the timeline shows it: one line, at most {@value #MAX_STEP} characters. */
    static String actionStep(VariableScope scope) {
        String text = ProcessVariables.text(scope, ACTION_STEP).replaceAll("\\p{Cntrl}+", " ").strip();
        if (text.isEmpty()) {
            return "조치 실행";
        }
        return text.length() <= MAX_STEP ? text : text.substring(0, MAX_STEP - 1) + "…";
    }

    static String workId(VariableScope scope) {
        return (String) scope.getVariable(WORK_ID);
    }

    static boolean adopted(VariableScope scope) {
        return ProcessVariables.flag(scope, ACTION_ADOPTED);
    }

    /**
     * What Cockpit shows while the work runs. Only changed values are written, so that a long wait does not fill
     * the history with the same values.
     */
    static void progress(VariableScope scope, Work work, Instant now) {
        set(scope, WORK_ID, work.id());
        set(scope, ACTION_STATE, work.state().name());
        set(scope, ACTION_ELAPSED, Durations.words(work.elapsed(now)));
        set(scope, ACTION_DEADLINE, Date.from(work.deadline()));
        set(scope, ACTION_NODE, work.adoptedBy() != null ? work.adoptedBy() : work.nodeId());
        set(scope, ACTION_PID, work.pid());
        set(scope, ACTION_DETAIL, work.detail());
        set(scope, ACTION_OUTPUT, work.outputTail() == null ? "" : work.outputTail());
        set(scope, ACTION_ADOPTED, work.adoptedBy() != null);
    }

    private static void set(VariableScope scope, String name, Object value) {
        if (!scope.hasVariable(name) || !Objects.equals(scope.getVariable(name), value)) {
            scope.setVariable(name, value);
        }
    }

    static void stillRunning(VariableScope scope) {
        set(scope, ACTION_PROGRESS, "running");
    }

    static void ended(VariableScope scope, WorkState state) {
        scope.setVariable(ACTION_PROGRESS, "ended");
        outcome(scope, state);
    }

    static void lost(VariableScope scope) {
        scope.setVariable(ACTION_PROGRESS, "lost");
        outcome(scope, WorkState.LOST);
    }

    static void outcome(VariableScope scope, WorkState state) {
        scope.setVariable(ACTION_OUTCOME, state.name());
        scope.setVariable(ACTION_SUCCEEDED, state == WorkState.SUCCEEDED);
    }

    static String output(VariableScope scope) {
        return ProcessVariables.text(scope, ACTION_OUTPUT);
    }

    static String detail(VariableScope scope) {
        return ProcessVariables.text(scope, ACTION_DETAIL);
    }

    /** The person's answer to a lost work: true for "적용됨". */
    static boolean confirmedSucceeded(VariableScope scope) {
        Object answer = scope.getVariable(ACTION_CONFIRMATION);
        if ("succeeded".equals(answer)) {
            return true;
        }
        if ("failed".equals(answer)) {
            return false;
        }
        throw new IllegalStateException(ACTION_CONFIRMATION + " must be succeeded or failed");
    }

}
