package dev.recoveryorchestrator.action;

import dev.recoveryorchestrator.action.ActionCatalog.Plan;
import dev.recoveryorchestrator.action.StepRunner.Ending;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
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
 * <p>
 * This class is the entry point and the node's lifecycle: submission, cancelling, observing, the work's thread from
 * start to recorded end. Its parts: {@link StepRunner} runs the steps, {@link OrphanAdoption} decides about the work
 * of a gone node, {@link WorkHeartbeat} renews the heartbeat and picks up cancel requests, {@link LocalWork} is what
 * runs on this node, and {@link WorkRecords} reads the work back and publishes its end as CANCELLED.
 */
@Service
public class BackgroundWork implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(BackgroundWork.class);
    private final ActionCatalog catalog;
    private final WorkStore store;
    private final BackgroundWorkSettings settings;
    private final String hostId;
    private final String nodeId;
    private final WorkRecords records;
    private final LocalWork local = new LocalWork();
    private final ExecutorService threads = Executors.newCachedThreadPool(daemon("background-work-"));
    private final StepRunner steps;
    private final OrphanAdoption orphans;
    private final WorkHeartbeat heartbeat;
    private volatile boolean running;

    BackgroundWork(ActionCatalog catalog, CommandRunner runner, WorkStore store, BackgroundWorkSettings settings,
            InlineLimit limit, ApplicationEventPublisher events) {
        this.catalog = catalog;
        this.store = store;
        this.settings = settings;
        limit.require("recovery.background-work.kill-grace", settings.killGrace().multipliedBy(2),
                "A check that finds an adopted work past its deadline kills it inside the job, waiting twice this grace.");
        this.hostId = settings.hostId() == null || settings.hostId().isBlank() ? hostName() : settings.hostId();
        this.nodeId = hostId + "/" + ProcessHandle.current().pid() + "/"
                + HexFormat.of().toHexDigits((byte) ThreadLocalRandom.current().nextInt(256))
                + HexFormat.of().toHexDigits((byte) ThreadLocalRandom.current().nextInt(256));
        this.records = new WorkRecords(store, events);
        this.steps = new StepRunner(runner, store, settings, nodeId, threads);
        this.orphans = new OrphanAdoption(catalog, store, records, settings, hostId, nodeId);
        this.heartbeat = new WorkHeartbeat(store, settings, nodeId, local, this::stopSoon);
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
        Work work = Work.beforeFirstStep(id, ownerKey, actionName, reference, nodeId, hostId, WorkState.PENDING, output,
                null, now, deadline);
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
        if (!local.startStopping(id)) {
            return;
        }
        try {
            Optional<Work> found = find(id);
            if (found.isEmpty() || found.get().state().ended() || found.get().cancelReason() == null) {
                return;
            }
            Work work = found.get();
            RunningWork here = local.get(id);
            if (here != null) {
                cancelLocal(here, work.cancelReason());
                return;
            }
            Instant now = now();
            if (work.state() == WorkState.PENDING) {
                if (store.cancelPending(id, work.cancelReason() + "; it had not started: nothing ran", now)) {
                    records.cancelled(id);
                }
                return;
            }
            orphans.cancelNotRunHere(work, now);
        } catch (RuntimeException e) {
            log.warn("Cancelling work {} did not finish here; the next heartbeat tries again: {}", id, e.toString());
        } finally {
            local.stoppingDone(id);
        }
    }

    /**
     * This node runs the work: stops what runs now; its thread records the end, once the process tree stopped here
     * is gone (or known not to be), and publishes it.
     */
    private void cancelLocal(RunningWork running, String reason) {
        if (running.cancelled != null) {
            return;
        }
        running.cancelled = reason;
        Future<?> builtIn = running.builtIn;
        if (builtIn != null) {
            builtIn.cancel(true);
        }
        RunningWork.StepProcess process = running.process;
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

    /** The work as recorded, with no conclusions drawn. */
    public Optional<Work> find(String id) {
        return records.find(id);
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
        if (found.isEmpty() || found.get().state().ended() || local.runs(id)) {
            return found;
        }
        Work work = found.get();
        if (work.cancelReason() != null) {
            stopCancelled(id);
            return find(id);
        }
        Instant now = now();
        boolean ownerGone = work.adoptedBy() != null || work.heartbeatAt().plus(settings.staleAfter()).isBefore(now);
        return ownerGone ? Optional.of(orphans.takeOver(work, now)) : found;
    }

    private void launch(Work work, Plan plan) {
        RunningWork running = new RunningWork(work);
        local.add(running);
        try {
            threads.execute(() -> run(running, plan));
        } catch (RejectedExecutionException e) {
            local.done(work);
            log.error("Work {} ({}) could not start on this node; it will be found lost", work.id(), work.action(), e);
        }
    }

    private void run(RunningWork running, Plan plan) {
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
                ending = plan.configured() != null ? steps.runSteps(running, plan.configured())
                        : steps.runBuiltIn(running, plan.builtIn());
            } catch (Exception e) {
                log.error("Work {} ({}) failed on this node", work.id(), work.action(), e);
                interrupted = e instanceof InterruptedException;
                ending = new Ending(WorkState.FAILED, null, "failed on node " + nodeId + ": " + e);
            }
            end(work, ending);
        } catch (RuntimeException e) {
            log.error("Work {} ({}): its end could not be recorded; it will be found lost", work.id(), work.action(), e);
        } finally {
            local.done(work);
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
        Optional<Work> recorded = records.readBack(work.id());
        recorded.filter(ended -> ended.startedAt() != null).ifPresent(ended -> catalog.recordOutcome(ended.action(),
                ended.state().name().toLowerCase(java.util.Locale.ROOT), ended.elapsed(now())));
        log.info("Work {} ({}) ended {} (exit {})", work.id(), work.action(),
                recorded.map(Work::state).orElse(ending.state()), ending.exitCode());
        recorded.ifPresent(records::publishIfCancelled);
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        heartbeat.start();
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
        local.awaitDrained(deadline);
        for (RunningWork running : local.running()) {
            Work work = running.work;
            String detail = "node " + nodeId + " shut down at " + now() + " while this work still ran; it was left running";
            log.warn("Work {} ({}): {}", work.id(), work.action(), detail);
            try {
                store.leftRunning(work.id(), nodeId, detail);
            } catch (RuntimeException e) {
                log.warn("Could not record that work {} was left running: {}", work.id(), e.toString());
            }
        }
        heartbeat.stop();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Now, in real time (see above), to the millisecond as the database keeps it. */
    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown-host";
        }
    }

    static ThreadFactory daemon(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
