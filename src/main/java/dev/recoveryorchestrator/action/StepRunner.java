package dev.recoveryorchestrator.action;

import dev.recoveryorchestrator.action.ActionSettings.Action;
import dev.recoveryorchestrator.action.ActionSettings.Step;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs the steps of one work on the thread {@link BackgroundWork} gave it: each configured step as an OS process
 * whose output goes straight to the work's output file, or the built-in action on a thread of its own, bounded by
 * the action's timeout. Between and around the steps it looks at {@link RunningWork#cancelled} and publishes what
 * runs now ({@link RunningWork#process}, {@link RunningWork#builtIn}) for a canceller to stop.
 */
final class StepRunner {

    private final CommandRunner runner;
    private final WorkStore store;
    private final BackgroundWorkSettings settings;
    private final String nodeId;
    private final ExecutorService threads;

    StepRunner(CommandRunner runner, WorkStore store, BackgroundWorkSettings settings, String nodeId,
            ExecutorService threads) {
        this.runner = runner;
        this.store = store;
        this.settings = settings;
        this.nodeId = nodeId;
        this.threads = threads;
    }

    /** How this node's thread came to the end of a work, before it is recorded. */
    record Ending(WorkState state, Integer exitCode, String detail) {
    }

    Ending runSteps(RunningWork running, Action action) throws IOException, InterruptedException {
        Work work = running.work;
        Path file = work.outputFile();
        Integer exitCode = null;
        List<Step> steps = action.steps();
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            int number = i + 1;
            if (running.cancelled != null) {
                OutputFile.appendLine(file, "cancelled before step " + number);
                return new Ending(WorkState.CANCELLED, exitCode, "node " + nodeId + " stopped it before step " + number);
            }
            if (step.stop() != null) {
                OutputFile.append(file, "$ stop /" + step.stop().match() + "/ (grace " + step.stop().grace() + ")\n");
                store.stepStarted(work.id(), nodeId, number, null, null, BackgroundWork.now());
                ProcessTree.Stopped stopped = ProcessTree.stopMatching(step.stop().match(), step.stop().grace(),
                        action.timeout());
                OutputFile.append(file, stopped.output());
                if (!stopped.succeeded()) {
                    return new Ending(WorkState.FAILED, null, "step " + number + ": processes matching /"
                            + step.stop().match() + "/ did not end");
                }
                exitCode = 0;
                continue;
            }
            String program = step.command().get(0);
            OutputFile.append(file, "$ " + String.join(" ", step.command()) + "\n");
            if (step.background()) {
                store.stepStarted(work.id(), nodeId, number, null, null, BackgroundWork.now());
                try {
                    Process server = runner.backgroundProcess(action, step).start();
                    server.getOutputStream().close();
                    OutputFile.append(file, program + " started in the background, pid " + server.pid() + "\n");
                    exitCode = 0;
                    continue;
                } catch (IOException e) {
                    OutputFile.append(file, program + ": " + e.getMessage() + "\n");
                    return new Ending(WorkState.FAILED, null, "step " + number + " could not start: " + e.getMessage());
                }
            }
            ProcessBuilder builder = new ProcessBuilder(step.command())
                    .directory(CommandRunner.folder(action))
                    .redirectErrorStream(true)
                    .redirectOutput(Redirect.appendTo(file.toFile()));
            Process process;
            try {
                runner.environment().applyTo(builder, action);
                process = builder.start();
            } catch (IOException e) {
                OutputFile.append(file, program + ": " + e.getMessage() + "\n");
                return new Ending(WorkState.FAILED, null, "step " + number + " could not start: " + e.getMessage());
            }
            process.getOutputStream().close();
            store.stepStarted(work.id(), nodeId, number, process.pid(), ProcessTree.startedMillis(process.toHandle()),
                    BackgroundWork.now());
            RunningWork.StepProcess current = new RunningWork.StepProcess(process.toHandle());
            running.process = current;
            if (running.cancelled != null) {
                current.stop(settings.killGrace());
            }
            boolean endedInTime = process.waitFor(action.timeout().toMillis(), TimeUnit.MILLISECONDS);
            running.process = null;
            if (running.cancelled != null) {
                // The tree as the canceller stops it: its end is recorded once the children are gone too.
                boolean ended = current.stop(settings.killGrace());
                Integer exit = process.isAlive() ? null : process.exitValue();
                OutputFile.appendLine(file, program + ": cancelled, stopped" + (exit == null ? "" : ", exit " + exit));
                return new Ending(WorkState.CANCELLED, exit, "node " + nodeId + " stopped step " + number + " (" + program
                        + ")" + (exit == null ? "" : ", exit " + exit) + (ended ? "" : "; not every process of it ended"));
            }
            if (!endedInTime) {
                OutputFile.appendLine(file, program + ": timed out after " + action.timeout() + ", stopping it");
                boolean ended = current.stop(settings.killGrace());
                return new Ending(WorkState.TIMED_OUT, null, "step " + number + " (" + program + ") ran past its timeout "
                        + action.timeout() + " and was killed" + (ended ? "" : "; not every process of it ended"));
            }
            exitCode = process.exitValue();
            OutputFile.appendLine(file, program + ": exit " + exitCode);
            if (!step.successExitCodes().contains(exitCode)) {
                return new Ending(WorkState.FAILED, exitCode, "step " + number + " (" + program + ") exited " + exitCode);
            }
        }
        return new Ending(WorkState.SUCCEEDED, exitCode, null);
    }

    Ending runBuiltIn(RunningWork running, RecoveryAction action) throws InterruptedException {
        Work work = running.work;
        Path file = work.outputFile();
        OutputFile.append(file, "$ " + action.name() + " (built in)\n");
        store.stepStarted(work.id(), nodeId, 1, null, null, BackgroundWork.now());
        if (running.cancelled != null) {
            return new Ending(WorkState.CANCELLED, null, "node " + nodeId + " stopped it before it started");
        }
        Future<ActionResult> result = threads.submit(action::run);
        running.builtIn = result;
        if (running.cancelled != null) {
            result.cancel(true);
        }
        try {
            ActionResult ended = result.get(action.timeout().toMillis(), TimeUnit.MILLISECONDS);
            OutputFile.append(file, ended.output());
            OutputFile.appendLine(file, action.name() + ": " + (ended.succeeded() ? "succeeded" : "failed") + ", exit "
                    + ended.exitCode());
            return new Ending(ended.succeeded() ? WorkState.SUCCEEDED : WorkState.FAILED, ended.exitCode(),
                    ended.succeeded() ? null : ended.summary());
        } catch (TimeoutException e) {
            result.cancel(true);
            OutputFile.appendLine(file, action.name() + ": timed out after " + action.timeout() + ", interrupted");
            return new Ending(WorkState.TIMED_OUT, null, action.name() + " ran past its timeout " + action.timeout());
        } catch (CancellationException e) {
            OutputFile.appendLine(file, action.name() + ": cancelled, interrupted");
            return new Ending(WorkState.CANCELLED, null, "node " + nodeId + " interrupted " + action.name());
        } catch (ExecutionException e) {
            OutputFile.appendLine(file, action.name() + ": " + e.getCause());
            return new Ending(WorkState.FAILED, null, action.name() + " failed: " + e.getCause());
        }
    }
}
