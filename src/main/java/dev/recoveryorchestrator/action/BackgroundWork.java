package dev.recoveryorchestrator.action;

import dev.recoveryorchestrator.action.ActionCatalog.Plan;
import dev.recoveryorchestrator.action.ActionSettings.Action;
import dev.recoveryorchestrator.action.ActionSettings.Step;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Runs long actions (restart, rollback, rebuild) as tracked background work, so that no job outlives its lock.
 * <p>
 * {@link #submit} records the work in the caller's transaction and starts it on a thread of this node only after
 * that transaction commits: a job that rolls back starts nothing, and the unique owner key makes a second submit
 * for the same owner return the work already recorded. Each step runs as an OS process whose output goes straight
 * to the work's output file, so it survives this JVM; the node renews a heartbeat (with the output's tail) while
 * the work runs, and kills the process tree of a step that passes its timeout ({@link WorkState#TIMED_OUT}).
 * <p>
 * {@link #observe} is how any node looks at a work: when the owner's heartbeat is stale, the owner is gone. Its
 * process, if it still runs on this host (same pid and start time), is adopted and watched, with its exit code
 * unknown; otherwise the work is {@link WorkState#LOST} and a person decides. A node never starts another node's
 * work again, and at start-up it touches nothing of other nodes. On a clean shutdown it waits (bounded) for its
 * running work, and records what it leaves behind.
 * <p>
 * {@link #cancel} is for a work whose caller is gone (its run-action instance deleted): it records the request in
 * the caller's transaction and, once that commits, the work's processes are stopped (SIGTERM, the kill grace,
 * SIGKILL) and it ends {@link WorkState#CANCELLED}: here when this node runs it; by its node, which sees the request
 * on its next heartbeat, when another live node runs it; here when its node is gone and its process runs on this
 * host. A result its node reports later does not change that. Every end as CANCELLED is published as a
 * {@link WorkCancelled} event, once: by the node whose conditional update recorded the end, right after it did, and
 * whether that node's thread reached the end through its steps or failed on the way. A work this node stops ends
 * only once the processes it stopped are gone, or known not to be.
 * <p>
 * Times here are real time (the system clock), not the engine's: they are about OS processes, and moving the
 * engine's clock in a process test must not make a running process look dead.
 */
@Service
public class BackgroundWork implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(BackgroundWork.class);
    private final ActionCatalog catalog;
    private final CommandRunner runner;
    private final WorkStore store;
    private final BackgroundWorkSettings settings;
    private final String hostId;
    private final String nodeId;
    private final ApplicationEventPublisher events;
    private final Map<String, Running> active = new ConcurrentHashMap<>();
    private final Set<String> stopping = ConcurrentHashMap.newKeySet();
    private final Object drained = new Object();
    private final ExecutorService threads = Executors.newCachedThreadPool(daemon("background-work-"));
    private ScheduledExecutorService heartbeats;
    private volatile boolean running;

    BackgroundWork(ActionCatalog catalog, CommandRunner runner, WorkStore store, BackgroundWorkSettings settings,
            InlineLimit limit, ApplicationEventPublisher events) {
        this.catalog = catalog;
        this.events = events;
        this.runner = runner;
        this.store = store;
        this.settings = settings;
        limit.require("recovery.background-work.kill-grace", settings.killGrace().multipliedBy(2),
                "A check that finds an adopted work past its deadline kills it inside the job, waiting twice this grace.");
        this.hostId = settings.hostId() == null || settings.hostId().isBlank() ? hostName() : settings.hostId();
        this.nodeId = hostId + "/" + ProcessHandle.current().pid() + "/"
                + HexFormat.of().toHexDigits((byte) ThreadLocalRandom.current().nextInt(256))
                + HexFormat.of().toHexDigits((byte) ThreadLocalRandom.current().nextInt(256));
    }

    /** This node: unique per JVM. */
    public String nodeId() {
        return nodeId;
    }

    /** The machine whose processes this node can see and adopt. */
    public String hostId() {
        return hostId;
    }

    /**
     * Records a run of the named action for {@code ownerKey} and starts it once the caller's transaction commits
     * (at once when there is none). When a work for this owner exists already, that one is returned and nothing
     * starts.
     *
     * @param ownerKey one work per owner, such as the run-action instance and its start task
     * @param reference what the work is for, for people (an incident id); may be null
     * @throws IllegalStateException when no action has this name
     */
    public Work submit(String ownerKey, String actionName, String reference) {
        Optional<Work> existing = store.findByOwner(ownerKey);
        if (existing.isPresent()) {
            log.info("Work {} for {} exists already ({}); not starting {} again", existing.get().id(), ownerKey,
                    existing.get().state(), actionName);
            return existing.get();
        }
        Plan plan = catalog.plan(actionName);
        Instant now = now();
        String id = UUID.randomUUID().toString();
        Path output = settings.dir().resolve(id + ".log").toAbsolutePath().normalize();
        Instant deadline = now.plus(plan.worstCase()).plus(settings.killGrace().multipliedBy(2));
        Work work = new Work(id, ownerKey, actionName, reference, nodeId, hostId, WorkState.PENDING, 0, null, null, output,
                null, now, deadline, now, null, null, null, null, null, null);
        store.insert(work);
        afterCommit(() -> launch(work, plan));
        return work;
    }

    /**
     * Cancels the work of {@code ownerKey} because whoever waited for it is gone. The request is recorded in the
     * caller's transaction; only once that commits (at once when there is none) are its processes stopped, on a
     * thread of this node or by the node that runs it. A rolled-back caller cancels nothing; a work that has ended,
     * or whose cancelling was asked for already, is left as it is.
     *
     * @param reason why, for people; it begins the detail of the cancelled work
     * @return whether this call asked for the cancelling
     */
    public boolean cancel(String ownerKey, String reason) {
        Optional<Work> found = store.findByOwner(ownerKey);
        if (found.isEmpty() || found.get().state().ended()) {
            return false;
        }
        Work work = found.get();
        if (!store.requestCancel(work.id(), reason, now())) {
            return false;
        }
        log.info("Cancelling work {} ({}) once this transaction commits: {}", work.id(), work.action(), reason);
        afterCommit(() -> stopSoon(work.id()));
        return true;
    }

    private static void afterCommit(Runnable task) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    task.run();
                }
            });
        } else {
            task.run();
        }
    }

    private void stopSoon(String id) {
        try {
            threads.execute(() -> stopCancelled(id));
        } catch (RejectedExecutionException e) {
            log.warn("Work {} is to be cancelled, but this node takes no more tasks; another node will stop it", id);
        }
    }

    /**
     * Acts on a recorded cancel request: stops the work when this node runs it, or when its node is gone and its
     * process runs on this host; leaves it to its node when that one is alive (it sees the request on its next
     * heartbeat). Called after the request committed, and again from the heartbeat while the request is open.
     */
    private void stopCancelled(String id) {
        if (!stopping.add(id)) {
            return;
        }
        try {
            Optional<Work> found = find(id);
            if (found.isEmpty() || found.get().state().ended() || found.get().cancelReason() == null) {
                return;
            }
            Work work = found.get();
            Running local = active.get(id);
            if (local != null) {
                cancelLocal(local, work.cancelReason());
                return;
            }
            Instant now = now();
            if (work.state() == WorkState.PENDING) {
                if (store.cancelPending(id, work.cancelReason() + "; it had not started: nothing ran", now)) {
                    cancelled(id);
                }
                return;
            }
            boolean ownerAlive = work.adoptedBy() == null && !work.nodeId().equals(nodeId)
                    && !work.heartbeatAt().plus(settings.staleAfter()).isBefore(now);
            if (ownerAlive) {
                log.info("Work {} ({}) is to be cancelled; its node {} stops it on its next heartbeat", id, work.action(),
                        work.nodeId());
                return;
            }
            String gone = "; its node " + work.nodeId() + " was gone";
            String process = work.pid() == null ? "no process of it could be watched" : "process pid " + work.pid()
                    + " (step " + work.step() + ")";
            if (hostId.equals(work.hostId())) {
                Optional<ProcessHandle> running = work.pid() == null ? Optional.empty()
                        : ProcessTree.find(work.pid(), work.pidStartedMillis());
                if (running.isPresent()) {
                    boolean ended = terminate(running.get());
                    endCancelled(work, gone + "; node " + nodeId + " stopped its " + process
                            + (ended ? "" : ", but not every process of it ended"), now);
                } else {
                    endCancelled(work, gone + (work.pid() == null ? "; " + process : "; its " + process
                            + " no longer ran") + "; its outcome is unknown", now);
                }
            } else if (work.cancelRequestedAt().plus(settings.staleAfter()).isBefore(now)) {
                endCancelled(work, gone + "; no node on " + work.hostId() + " stopped its " + process
                        + ": check that host by hand", now);
            }
        } catch (RuntimeException e) {
            log.warn("Cancelling work {} did not finish here; the next heartbeat tries again: {}", id, e.toString());
        } finally {
            stopping.remove(id);
        }
    }

    private void endCancelled(Work work, String what, Instant now) {
        if (store.endForGoneOwner(work.id(), work.heartbeatAt(), WorkState.CANCELLED, work.outputTail(),
                work.cancelReason() + what, now)) {
            cancelled(work.id());
        }
    }

    /**
     * This node runs the work: stops what runs now; its thread records the end, once the process tree stopped here
     * is gone (or known not to be), and publishes it.
     */
    private void cancelLocal(Running running, String reason) {
        if (running.cancelled != null) {
            return;
        }
        running.cancelled = reason;
        Future<?> builtIn = running.builtIn;
        if (builtIn != null) {
            builtIn.cancel(true);
        }
        StepProcess process = running.process;
        if (process != null) {
            log.info("Work {} ({}) cancelled: stopping process pid {}", running.work.id(), running.work.action(),
                    process.handle.pid());
            try {
                process.stop(settings.killGrace());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Called by whoever ended the work (one conditional update succeeds): publishes the end when it is CANCELLED. */
    private void cancelled(String id) {
        readBack(id).ifPresent(this::publishIfCancelled);
    }

    /** The work as its end was just recorded; empty (and said so) when it cannot be read back. */
    private Optional<Work> readBack(String id) {
        try {
            return Optional.of(find(id).orElseThrow());
        } catch (RuntimeException e) {
            log.error("Work {} has ended, but could not be read back: if it ended CANCELLED, that is not passed on", id, e);
            return Optional.empty();
        }
    }

    private void publishIfCancelled(Work work) {
        if (work.state() != WorkState.CANCELLED) {
            return;
        }
        log.warn("Work {} ({}) ended CANCELLED: {}", work.id(), work.action(), work.detail());
        try {
            events.publishEvent(new WorkCancelled(work));
        } catch (RuntimeException e) {
            log.warn("Work {}: the cancellation was not passed on: {}", work.id(), e.toString());
        }
    }

    /** The work as recorded, with no conclusions drawn. */
    public Optional<Work> find(String id) {
        return store.find(id).map(this::withLocalTail);
    }

    /**
     * Every work recorded as live (PENDING or RUNNING, on any node) and every work that ended at or after
     * {@code since}, as recorded, with no conclusions drawn: what the monitor asks to know which of our own actions
     * are under way, whichever node runs them.
     */
    public List<Work> liveOrEndedSince(Instant since) {
        return store.liveOrEndedSince(since);
    }

    /**
     * The work as it stands, concluding what became of it when its node is gone: still running here (adopted,
     * killed past its deadline) or {@link WorkState#LOST}; a work whose cancelling was asked for is stopped instead
     * (as {@link #cancel} does) and ends {@link WorkState#CANCELLED}.
     */
    public Optional<Work> observe(String id) {
        Optional<Work> found = find(id);
        if (found.isEmpty() || found.get().state().ended() || active.containsKey(id)) {
            return found;
        }
        Work work = found.get();
        if (work.cancelReason() != null) {
            stopCancelled(id);
            return find(id);
        }
        Instant now = now();
        boolean ownerGone = work.adoptedBy() != null || work.heartbeatAt().plus(settings.staleAfter()).isBefore(now);
        return ownerGone ? Optional.of(takeOver(work, now)) : found;
    }

    private Work takeOver(Work work, Instant now) {
        String gone = "node " + work.nodeId() + " stopped renewing its heartbeat (last " + work.heartbeatAt() + ")";
        if (work.state() == WorkState.PENDING) {
            return endForGoneOwner(work, WorkState.LOST, gone + " before it started the work; nothing ran", now);
        }
        Optional<ProcessHandle> process = hostId.equals(work.hostId()) && work.pid() != null
                ? ProcessTree.find(work.pid(), work.pidStartedMillis())
                : Optional.empty();
        String stepText = "step " + work.step() + laterSteps(work);
        if (process.isEmpty()) {
            String detail = work.adoptedBy() != null
                    ? "the process pid " + work.pid() + " of " + stepText + " ended after its node stopped; its exit code "
                            + "is unknown"
                    : gone + "; " + (work.pid() == null ? "no process of it can be watched" : "its process pid " + work.pid()
                            + " (" + stepText + ") no longer runs on " + hostId) + "; its outcome is unknown";
            return endForGoneOwner(work, WorkState.LOST, detail, now);
        }
        if (work.adoptedBy() == null) {
            store.adopt(work.id(), nodeId, work.heartbeatAt(), gone + "; its process pid " + work.pid() + " (" + stepText
                    + ") still runs on " + hostId + " and is watched by " + nodeId + "; its exit code will be unknown");
        }
        if (now.isAfter(work.deadline())) {
            boolean ended = terminate(process.get());
            return endForGoneOwner(work, WorkState.TIMED_OUT, "past its deadline " + work.deadline() + " after its node "
                    + "stopped: process pid " + work.pid() + (ended ? " killed" : " killed, but not every process ended"), now);
        }
        store.updateTail(work.id(), work.outputTail());
        return find(work.id()).orElseThrow();
    }

    private Work endForGoneOwner(Work work, WorkState state, String detail, Instant now) {
        if (store.endForGoneOwner(work.id(), work.heartbeatAt(), state, work.outputTail(), detail, now)) {
            log.warn("Work {} ({}) ended {}: {}", work.id(), work.action(), state, detail);
        }
        return find(work.id()).orElseThrow();
    }

    /** ", later steps did not run" when the work has steps after the recorded one. */
    private String laterSteps(Work work) {
        try {
            Plan plan = catalog.plan(work.action());
            int steps = plan.configured() == null ? 1 : plan.configured().steps().size();
            return " of " + steps + (work.step() < steps ? ", later steps did not run" : "");
        } catch (IllegalStateException unknownNow) {
            return "";
        }
    }

    private boolean terminate(ProcessHandle process) {
        try {
            return ProcessTree.terminate(process, settings.killGrace());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private Work withLocalTail(Work work) {
        String tail = OutputFile.tail(work.outputFile());
        return tail == null ? work : work.withOutputTail(tail);
    }

    private void launch(Work work, Plan plan) {
        Running running = new Running(work);
        active.put(work.id(), running);
        try {
            threads.execute(() -> run(running, plan));
        } catch (RejectedExecutionException e) {
            done(work);
            log.error("Work {} ({}) could not start on this node; it will be found lost", work.id(), work.action(), e);
        }
    }

    private void run(Running running, Plan plan) {
        Work work = running.work;
        boolean interrupted = false;
        try {
            Ending ending;
            try {
                if (!store.markRunning(work.id(), nodeId, now())) {
                    log.warn("Work {} ({}) was ended (lost or cancelled) before it started; not starting it", work.id(),
                            work.action());
                    return;
                }
                Files.createDirectories(work.outputFile().getParent());
                log.info("Work {} started: {} for {}", work.id(), work.action(), work.ownerKey());
                ending = plan.configured() != null ? runSteps(running, plan.configured())
                        : runBuiltIn(running, plan.builtIn());
            } catch (Exception e) {
                log.error("Work {} ({}) failed on this node", work.id(), work.action(), e);
                interrupted = e instanceof InterruptedException;
                ending = new Ending(WorkState.FAILED, null, "failed on node " + nodeId + ": " + e);
            }
            end(work, ending);
        } catch (RuntimeException e) {
            log.error("Work {} ({}): its end could not be recorded; it will be found lost", work.id(), work.action(), e);
        } finally {
            done(work);
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Records the end this node's thread came to, whether its steps reached it or it failed: CANCELLED instead when
     * cancelling was asked for meanwhile, and then published. Nothing when another node ended or took over the work
     * first (that node published its end).
     */
    private void end(Work work, Ending ending) {
        String cancelledDetail = "; " + (ending.state() == WorkState.CANCELLED || ending.detail() != null
                ? ending.detail()
                : "its steps had ended (exit " + ending.exitCode() + ") on node " + nodeId + " before it was stopped");
        if (!store.finish(work.id(), nodeId, ending.state(), ending.exitCode(), OutputFile.tail(work.outputFile()),
                ending.detail(), cancelledDetail, now())) {
            log.warn("Work {} ({}) ended {} here, but another node had ended or taken it over", work.id(), work.action(),
                    ending.state());
            return;
        }
        Optional<Work> recorded = readBack(work.id());
        recorded.filter(ended -> ended.startedAt() != null).ifPresent(ended -> catalog.recordOutcome(ended.action(),
                ended.state().name().toLowerCase(java.util.Locale.ROOT), ended.elapsed(now())));
        log.info("Work {} ({}) ended {} (exit {})", work.id(), work.action(),
                recorded.map(Work::state).orElse(ending.state()), ending.exitCode());
        recorded.ifPresent(this::publishIfCancelled);
    }

    private Ending runSteps(Running running, Action action) throws IOException, InterruptedException {
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
                store.stepStarted(work.id(), nodeId, number, null, null, now());
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
                store.stepStarted(work.id(), nodeId, number, null, null, now());
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
            store.stepStarted(work.id(), nodeId, number, process.pid(), ProcessTree.startedMillis(process.toHandle()), now());
            StepProcess current = new StepProcess(process.toHandle());
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

    private Ending runBuiltIn(Running running, RecoveryAction action) throws InterruptedException {
        Work work = running.work;
        Path file = work.outputFile();
        OutputFile.append(file, "$ " + action.name() + " (built in)\n");
        store.stepStarted(work.id(), nodeId, 1, null, null, now());
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

    /**
     * Renews the heartbeat of the work this node runs, then looks for open cancel requests: of its own work, and of
     * work whose node is gone.
     */
    private void beat() {
        for (Running running : active.values()) {
            Work work = running.work;
            try {
                store.heartbeat(work.id(), nodeId, now(), OutputFile.tail(work.outputFile()));
            } catch (RuntimeException e) {
                log.warn("Heartbeat of work {} not recorded: {}", work.id(), e.toString());
            }
        }
        try {
            Instant now = now();
            for (Work requested : store.cancelRequested()) {
                Running local = active.get(requested.id());
                boolean ownersBusiness = local == null && requested.adoptedBy() == null && !requested.nodeId().equals(nodeId)
                        && !requested.heartbeatAt().plus(settings.staleAfter()).isBefore(now);
                if ((local == null || local.cancelled == null) && !ownersBusiness && !stopping.contains(requested.id())) {
                    stopSoon(requested.id());
                }
            }
        } catch (RuntimeException e) {
            log.warn("Cancel requests not looked at: {}", e.toString());
        }
    }

    private void done(Work work) {
        synchronized (drained) {
            active.remove(work.id());
            drained.notifyAll();
        }
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        heartbeats = Executors.newSingleThreadScheduledExecutor(daemon("background-work-heartbeat-"));
        long every = settings.heartbeat().toMillis();
        heartbeats.scheduleWithFixedDelay(this::beat, every, every, TimeUnit.MILLISECONDS);
        running = true;
    }

    /**
     * Waits up to {@code recovery.background-work.shutdown-wait} for the work running on this node, then records
     * what is left running: another node will find it still running (same host) or lost.
     */
    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        long deadline = System.nanoTime() + settings.shutdownWait().toNanos();
        synchronized (drained) {
            while (!active.isEmpty() && System.nanoTime() < deadline) {
                log.info("Waiting for {} background work(s) to end: {}", active.size(), active.keySet());
                try {
                    drained.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        for (Running running : active.values()) {
            Work work = running.work;
            String detail = "node " + nodeId + " shut down at " + now() + " while this work still ran; it was left running";
            log.warn("Work {} ({}): {}", work.id(), work.action(), detail);
            try {
                store.leftRunning(work.id(), nodeId, detail);
            } catch (RuntimeException e) {
                log.warn("Could not record that work {} was left running: {}", work.id(), e.toString());
            }
        }
        heartbeats.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown-host";
        }
    }

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    private record Ending(WorkState state, Integer exitCode, String detail) {
    }

    /** A work running on this node: what runs now, and whether it is being cancelled. */
    private static final class Running {
        final Work work;
        volatile String cancelled;
        volatile StepProcess process;
        volatile Future<?> builtIn;

        Running(Work work) {
            this.work = work;
        }
    }

    /**
     * The process of the step that runs now. The first to stop it (the canceller, or the work's own thread) stops its
     * whole tree; whoever asks after that waits for the outcome. So the work's thread, whose step ends as soon as the
     * step's own process does, records the end only once the children the canceller stops are gone too, and knows
     * whether they all ended.
     */
    private static final class StepProcess {
        final ProcessHandle handle;
        private final AtomicBoolean claimed = new AtomicBoolean();
        private final CompletableFuture<Boolean> outcome = new CompletableFuture<>();

        StepProcess(ProcessHandle handle) {
            this.handle = handle;
        }

        /**
         * Stops the tree (SIGTERM, {@code grace}, SIGKILL), or waits for whoever does: bounded, as
         * {@link ProcessTree#terminate} is, and whatever happens to it the outcome is set.
         *
         * @return whether every process of it ended
         */
        boolean stop(Duration grace) throws InterruptedException {
            if (!claimed.compareAndSet(false, true)) {
                try {
                    return outcome.get();
                } catch (ExecutionException never) {
                    return false;
                }
            }
            boolean ended = false;
            try {
                ended = ProcessTree.terminate(handle, grace);
                return ended;
            } finally {
                outcome.complete(ended);
            }
        }
    }
}
