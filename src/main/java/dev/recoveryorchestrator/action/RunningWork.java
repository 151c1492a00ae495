package dev.recoveryorchestrator.action;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A work running on this node: what runs now, and whether it is being cancelled. Its thread ({@link StepRunner})
 * sets what runs; a canceller ({@link BackgroundWork#cancel}, the heartbeat) reads it, so every field but the work is
 * volatile.
 */
final class RunningWork {
    final Work work;
    volatile String cancelled;
    volatile StepProcess process;
    volatile Future<?> builtIn;

    RunningWork(Work work) {
        this.work = work;
    }

    /**
     * The process of the step that runs now. The first to stop it (the canceller, or the work's own thread) stops its
     * whole tree; whoever asks after that waits for the outcome. So the work's thread, whose step ends as soon as the
     * step's own process does, records the end only once the children the canceller stops are gone too, and knows
     * whether they all ended.
     */
    static final class StepProcess {
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
