package dev.recoveryorchestrator.action;

import dev.recoveryorchestrator.action.ActionSettings.Action;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * The named actions a runbook may run: configured commands first, then actions written in code.
 * <p>
 * An action that is not tracked may run inline, inside a job ({@link #run}); it must then end within the inline
 * limit, and the catalog refuses to be built (the application refuses to start) otherwise. A tracked action runs
 * only as background work ({@link BackgroundWork}, through the {@code run-action} process).
 */
@Component
public class ActionCatalog {

    private final ActionSettings settings;
    private final CommandRunner runner;
    private final Map<String, RecoveryAction> builtIn;
    private final MeterRegistry metrics;

    ActionCatalog(ActionSettings settings, CommandRunner runner, List<RecoveryAction> builtIn, InlineLimit limit,
            MeterRegistry metrics) {
        this.settings = settings;
        this.runner = runner;
        this.metrics = metrics;
        this.builtIn = builtIn.stream().collect(Collectors.toMap(RecoveryAction::name, Function.identity()));
        checkInlineActions(limit);
        for (String name : names()) {
            timer(name, "succeeded");
            timer(name, "failed");
        }
    }

    /**
     * Counts one run of the named action and how long it took in {@code recovery_action_duration_seconds{action,
     * outcome}}: {@code succeeded}, {@code failed}, {@code error} (it threw), or a tracked work's end state
     * ({@code timed_out}, {@code lost}, {@code cancelled}).
     */
    public void recordOutcome(String name, String outcome, Duration took) {
        timer(name, outcome).record(took.isNegative() ? Duration.ZERO : took);
    }

    private Timer timer(String name, String outcome) {
        return Timer.builder("recovery.action.duration").description("Recovery actions run, by outcome")
                .tags("action", name, "outcome", outcome).register(metrics);
    }

    /**
     * Runs the named action here and now, inside the caller's job; a name that nothing provides is a
     * configuration fault, not a finding.
     *
     * @throws IllegalStateException for an unknown or a tracked action
     */
    public ActionResult run(String name) {
        Plan plan = plan(name);
        if (plan.tracked()) {
            throw new IllegalStateException("Action '" + name + "' is tracked (" + trackedBy(name) + "): it runs only as "
                    + "background work through the run-action process, never inside a job");
        }
        long started = System.nanoTime();
        ActionResult result;
        try {
            result = plan.configured() != null ? runner.run(name, plan.configured()) : plan.builtIn().run();
        } catch (RuntimeException e) {
            recordOutcome(name, "error", Duration.ofNanos(System.nanoTime() - started));
            throw e;
        }
        recordOutcome(name, result.succeeded() ? "succeeded" : "failed", Duration.ofNanos(System.nanoTime() - started));
        return result;
    }

    /**
     * Starts the named action as a stream that runs until its caller ends it (the monitor's docker event stream):
     * its one command, in its folder and environment, output and errors on one pipe. The caller must end the
     * process ({@link ProcessTree#terminate}).
     *
     * @throws IllegalStateException when the action is not configured as one command that runs to its end
     * @throws IOException when the program cannot start
     */
    public Process stream(String name) throws java.io.IOException {
        if (!streamable(name)) {
            throw new IllegalStateException("Action '" + name + "' cannot be followed as a stream: configure recovery."
                    + "actions." + name + " with exactly one command step, not tracked, not background");
        }
        return runner.startStream(settings.actions().get(name));
    }

    /** Whether the named action is configured as one command that may be followed as a stream ({@link #stream}). */
    public boolean streamable(String name) {
        Action configured = settings.actions().get(name);
        return configured != null && !configured.tracked() && configured.steps().size() == 1
                && configured.steps().get(0).command() != null && !configured.steps().get(0).background();
    }

    public boolean has(String name) {
        return settings.actions().containsKey(name) || builtIn.containsKey(name);
    }

    /** Whether the named action runs only as tracked background work. */
    public boolean tracked(String name) {
        return plan(name).tracked();
    }

    /** The longest the named action can take: the sum of its steps' timeouts, or a built-in action's own bound. */
    public Duration worstCase(String name) {
        return plan(name).worstCase();
    }

    public TreeSet<String> names() {
        TreeSet<String> names = new TreeSet<>(settings.actions().keySet());
        names.addAll(builtIn.keySet());
        return names;
    }

    /** What running the named action means: its configured steps, or the built-in action. */
    Plan plan(String name) {
        Action configured = settings.actions().get(name);
        if (configured != null) {
            return new Plan(name, configured, null);
        }
        return Optional.ofNullable(builtIn.get(name)).map(action -> new Plan(name, null, action))
                .orElseThrow(() -> new IllegalStateException("No action '" + name + "': configure recovery.actions."
                        + name + " (known: " + names() + ")"));
    }

    private String trackedBy(String name) {
        return settings.actions().containsKey(name) ? "recovery.actions." + name + ".tracked=true" : "built in";
    }

    private void checkInlineActions(InlineLimit limit) {
        for (String name : names()) {
            Plan plan = plan(name);
            if (plan.tracked()) {
                continue;
            }
            if (plan.configured() != null) {
                limit.require("recovery.actions." + name + ".timeout", plan.worstCase(),
                        "Its " + plan.configured().worstCase().dividedBy(plan.configured().timeout()) + " waiting step(s) "
                                + "may each take the timeout: lower it, or set recovery.actions." + name + ".tracked=true "
                                + "and run it through the run-action process.");
            } else {
                limit.require("action '" + name + "' (built in)", plan.worstCase(), "Make it tracked.");
            }
        }
    }

    /** One resolved action: exactly one of {@code configured} and {@code builtIn}. */
    record Plan(String name, Action configured, RecoveryAction builtIn) {

        boolean tracked() {
            return configured != null ? configured.tracked() : builtIn.tracked();
        }

        Duration worstCase() {
            return configured != null ? configured.worstCase() : builtIn.timeout();
        }
    }
}
