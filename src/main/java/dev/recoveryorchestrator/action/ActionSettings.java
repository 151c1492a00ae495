package dev.recoveryorchestrator.action;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Named commands from configuration ({@code recovery.actions.<name>}). A command is data: an argument list,
 * a working folder, a timeout and the exit codes that mean success; nothing from an alert or a form is ever
 * put into it.
 *
 * @param actions the actions by name; a model's step names the action it runs
 */
@Validated
@ConfigurationProperties("recovery")
public record ActionSettings(@DefaultValue Map<String, @Valid Action> actions) {

    /**
     * One named action: its steps run in order, and the first failing step ends it.
     *
     * @param steps what it does, in order: each runs a command or stops processes
     * @param workdir folder the steps run in; the application's folder when unset
     * @param timeout limit for each step
     * @param env variables set for its commands, on top of the few that {@code recovery.commands.inherit-env}
     *     lets through from the orchestrator's own environment
     * @param tracked runs only as tracked background work (the {@code run-action} process), never inside a job:
     *     every action that may take longer than {@code recovery.commands.inline-limit} must be tracked, and the
     *     application refuses to start otherwise
     * @param envFile the target's own environment file ({@code KEY=VALUE} lines, as docker compose and uvicorn read
     *     {@code .env}), read each time a step starts and set for its commands under {@code env}: a uvicorn started
     *     again gets the connection string Type 2 just fixed, never the orchestrator's environment. A file that is
     *     configured but cannot be read fails the step (nothing starts without its settings).
     */
    public record Action(
            @NotEmpty List<@Valid Step> steps,
            Path workdir,
            @DefaultValue("PT2M") @NotNull Duration timeout,
            @DefaultValue Map<String, String> env,
            @DefaultValue("false") boolean tracked,
            Path envFile) {

        @ConstructorBinding
        public Action {
        }

        /** An action without an environment file. */
        public Action(List<Step> steps, Path workdir, Duration timeout, Map<String, String> env, boolean tracked) {
            this(steps, workdir, timeout, env, tracked, null);
        }

        /**
         * The longest this action can take: each step that runs to its end (or stops processes) may use the whole
         * {@link #timeout}; a background step only starts its program.
         */
        public Duration worstCase() {
            long waiting = steps.stream().filter(step -> !step.background()).count();
            return timeout.multipliedBy(waiting);
        }

        @AssertTrue(message = "timeout must be positive, and each stop step's grace shorter than it")
        public boolean isTimeoutLongerThanGrace() {
            if (timeout == null || steps == null) {
                return true;
            }
            return !timeout.isNegative() && !timeout.isZero() && steps.stream()
                    .filter(step -> step != null && step.stop() != null && step.stop().grace() != null)
                    .allMatch(step -> step.stop().grace().compareTo(timeout) < 0);
        }
    }

    /**
     * One step: a {@code command} to run, or processes to {@code stop}.
     *
     * @param command the argument list; the first element is the program
     * @param stop end the processes whose command line matches, and wait until they are gone
     * @param successExitCodes exit codes that count as success
     * @param background start the program and do not wait for it (a server started again)
     * @param output file that receives the output of a background program
     */
    public record Step(
            List<String> command,
            @Valid Stop stop,
            @DefaultValue("0") Set<Integer> successExitCodes,
            @DefaultValue("false") boolean background,
            Path output) {

        /** A step that runs a command to its end; success is exit code 0 unless {@code successExitCodes} says more. */
        public static Step run(List<String> command, Set<Integer> successExitCodes) {
            return new Step(command, null, successExitCodes, false, null);
        }

        /** A step that stops processes, as {@code pkill -f} would, but waits until they have ended. */
        public static Step stop(Pattern match, Duration grace) {
            return new Step(null, new Stop(match, grace), Set.of(0), false, null);
        }

        @AssertTrue(message = "a step has either a non-empty command or a stop, not both; a stop step cannot be background")
        public boolean isOneKind() {
            boolean hasCommand = command != null && !command.isEmpty();
            return hasCommand != (stop != null) && !(stop != null && background);
        }
    }

    /**
     * Stops every process whose command line (its arguments joined by spaces, as {@code pkill -f} sees them)
     * matches: SIGTERM, up to {@code grace} for them to end, then SIGKILL to them and their children, and waits
     * until they are gone, within the action's timeout. Nothing matching is fine. The orchestrator and its
     * parents are never matched.
     *
     * @param match a regular expression, searched in the command line
     * @param grace how long a process may take to end after SIGTERM
     */
    public record Stop(
            @NotNull Pattern match,
            @DefaultValue("PT10S") @NotNull Duration grace) {
    }
}
