package dev.recoveryorchestrator.action;

import dev.recoveryorchestrator.action.ActionSettings.Action;
import dev.recoveryorchestrator.action.ActionSettings.Step;
import java.io.File;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.zeroturnaround.exec.ProcessExecutor;
import org.zeroturnaround.exec.ProcessInitException;
import org.zeroturnaround.exec.ProcessResult;

/**
 * Runs configured actions as argument lists: never through a shell, never with text taken from an alert or a
 * form, and with an environment built explicitly ({@link CommandEnvironment}).
 */
@Component
public class CommandRunner {

    static final int MAX_OUTPUT = 4000;
    private static final Logger log = LoggerFactory.getLogger(CommandRunner.class);
    private final CommandEnvironment environment;

    @Autowired
    public CommandRunner(CommandSettings settings) {
        this(settings, System.getenv());
    }

    /** @param parentEnvironment stands for the orchestrator's own environment (tests give theirs) */
    CommandRunner(CommandSettings settings, Map<String, String> parentEnvironment) {
        this.environment = new CommandEnvironment(settings.inheritEnv(), parentEnvironment);
    }

    /**
     * Runs the steps of an action in order and stops at the first that fails. A step that cannot start (no
     * such program) is a failed step, not an exception: the runbook treats it as a finding.
     */
    public ActionResult run(String name, Action action) {
        StringBuilder output = new StringBuilder();
        int exitCode = -1;
        for (Step step : action.steps()) {
            StepOutcome outcome;
            if (step.stop() != null) {
                outcome = stop(action, step);
            } else if (step.background()) {
                outcome = startInBackground(action, step);
            } else {
                outcome = runToEnd(action, step);
            }
            exitCode = outcome.exitCode();
            output.append(outcome.output());
            if (!outcome.succeeded()) {
                return new ActionResult(name, false, exitCode, tail(output));
            }
        }
        return new ActionResult(name, true, exitCode, tail(output));
    }

    /** The environment of the action's commands; package-private for {@link BackgroundWork}, which starts its own. */
    CommandEnvironment environment() {
        return environment;
    }

    private StepOutcome runToEnd(Action action, Step step) {
        log.info("Running {}", step.command());
        try {
            ProcessResult result = new ProcessExecutor()
                    .command(step.command())
                    .directory(folder(action))
                    .environment(environment.asZtExecChanges(action))
                    .redirectErrorStream(true)
                    .readOutput(true)
                    .timeout(action.timeout().toMillis(), TimeUnit.MILLISECONDS)
                    .destroyOnExit()
                    .execute();
            int code = result.getExitValue();
            return new StepOutcome(step.successExitCodes().contains(code), code, result.outputUTF8());
        } catch (TimeoutException e) {
            return new StepOutcome(false, -1, step.command().get(0) + ": timed out after " + action.timeout() + "\n");
        } catch (IOException e) {
            return new StepOutcome(false, -1, step.command().get(0) + ": " + startFailure(e) + "\n");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new StepOutcome(false, -1, step.command().get(0) + ": interrupted\n");
        }
    }

    /**
     * Why a program could not start, in the JVM's words ("Cannot run program …: error=2, No such file or directory"):
     * zt-exec's own message lists the whole environment it was given (the server's PATH and every variable), which
     * must not reach a timeline.
     */
    static String startFailure(IOException e) {
        Throwable reason = e instanceof ProcessInitException && e.getCause() != null ? e.getCause() : e;
        return reason.getMessage();
    }

    private static StepOutcome stop(Action action, Step step) {
        log.info("Stopping processes matching /{}/", step.stop().match());
        try {
            ProcessTree.Stopped stopped = ProcessTree.stopMatching(step.stop().match(), step.stop().grace(), action.timeout());
            return new StepOutcome(stopped.succeeded(), stopped.succeeded() ? 0 : -1, stopped.output());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new StepOutcome(false, -1, "stop /" + step.stop().match() + "/: interrupted\n");
        }
    }

    /**
     * Starts a server that must outlive this step (the runbook's {@code nohup ... &}). zt-exec pumps output
     * through threads of this JVM, which would tie the server's life to ours, so this one step uses
     * {@link ProcessBuilder} with its output sent straight to a file.
     */
    private StepOutcome startInBackground(Action action, Step step) {
        log.info("Starting in the background {}", step.command());
        try {
            Process process = backgroundProcess(action, step).start();
            process.getOutputStream().close();
            return new StepOutcome(true, 0, step.command().get(0) + " started, pid " + process.pid() + "\n");
        } catch (IOException e) {
            return new StepOutcome(false, -1, step.command().get(0) + ": " + e.getMessage() + "\n");
        }
    }

    /**
     * Starts the one command of an action that runs until it is stopped (an event stream) and hands its process to
     * the caller, who reads its output (errors on the same pipe) and must end it. Its input is closed; its folder and
     * environment are those of every action.
     */
    Process startStream(Action action) throws IOException {
        Step step = action.steps().get(0);
        log.info("Starting the stream {}", step.command());
        ProcessBuilder builder = new ProcessBuilder(step.command()).directory(folder(action)).redirectErrorStream(true);
        environment.applyTo(builder, action);
        Process process = builder.start();
        process.getOutputStream().close();
        return process;
    }

    /** A program that is started and left running: output to its own file, or nowhere. */
    ProcessBuilder backgroundProcess(Action action, Step step) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(step.command()).directory(folder(action)).redirectErrorStream(true);
        environment.applyTo(builder, action);
        if (step.output() != null) {
            Files.createDirectories(step.output().toAbsolutePath().getParent());
            builder.redirectOutput(Redirect.appendTo(step.output().toFile()));
        } else {
            builder.redirectOutput(Redirect.DISCARD);
        }
        return builder;
    }

    static File folder(Action action) {
        return action.workdir() == null ? null : action.workdir().toFile();
    }

    private static String tail(StringBuilder output) {
        return output.length() <= MAX_OUTPUT ? output.toString() : "…" + output.substring(output.length() - MAX_OUTPUT);
    }

    private record StepOutcome(boolean succeeded, int exitCode, String output) {
    }
}
