package dev.recoveryorchestrator.action;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What this node does now: the work its threads run, and the works it is stopping. Shared by the submission and
 * cancelling ({@link BackgroundWork}), the {@link WorkHeartbeat} and the shutdown, which waits here until the work
 * running on this node has drained.
 */
final class LocalWork {

    private static final Logger log = LoggerFactory.getLogger(LocalWork.class);
    private final Map<String, RunningWork> active = new ConcurrentHashMap<>();
    private final Set<String> stopping = ConcurrentHashMap.newKeySet();
    private final Object drained = new Object();

    void add(RunningWork running) {
        active.put(running.work.id(), running);
    }

    RunningWork get(String id) {
        return active.get(id);
    }

    boolean runs(String id) {
        return active.containsKey(id);
    }

    Collection<RunningWork> running() {
        return active.values();
    }

    /** The work's thread is done with it (or never started): it no longer runs here. */
    void done(Work work) {
        synchronized (drained) {
            active.remove(work.id());
            drained.notifyAll();
        }
    }

    /**
     * Waits until no work runs here any more, or {@code deadline} ({@link System#nanoTime()}) has passed, or this
     * thread is interrupted (its flag is then set again).
     */
    void awaitDrained(long deadline) {
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
    }

    /** @return false when this node is stopping the work already (then the caller leaves it to that) */
    boolean startStopping(String id) {
        return stopping.add(id);
    }

    void stoppingDone(String id) {
        stopping.remove(id);
    }

    boolean isStopping(String id) {
        return stopping.contains(id);
    }
}
