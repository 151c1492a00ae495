package dev.recoveryorchestrator.action;

import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every {@code recovery.background-work.heartbeat}, on a thread of its own: renews the heartbeat (with the output's
 * tail) of the work this node runs, so that other nodes see its owner alive, then looks for open cancel requests: of
 * its own work, and of work whose node is gone, which it hands to {@code stopSoon}.
 */
final class WorkHeartbeat {

    private static final Logger log = LoggerFactory.getLogger(WorkHeartbeat.class);
    private final WorkStore store;
    private final BackgroundWorkSettings settings;
    private final String nodeId;
    private final LocalWork local;
    private final Consumer<String> stopSoon;
    private ScheduledExecutorService heartbeats;

    WorkHeartbeat(WorkStore store, BackgroundWorkSettings settings, String nodeId, LocalWork local,
            Consumer<String> stopSoon) {
        this.store = store;
        this.settings = settings;
        this.nodeId = nodeId;
        this.local = local;
        this.stopSoon = stopSoon;
    }

    /** Called from {@link BackgroundWork#start()}, under its lock. */
    void start() {
        heartbeats = Executors.newSingleThreadScheduledExecutor(BackgroundWork.daemon("background-work-heartbeat-"));
        long every = settings.heartbeat().toMillis();
        heartbeats.scheduleWithFixedDelay(this::beat, every, every, TimeUnit.MILLISECONDS);
    }

    /** Called from {@link BackgroundWork#stop()}, under its lock, once what is left running has been recorded. */
    void stop() {
        heartbeats.shutdownNow();
    }

    /**
     * Renews the heartbeat of the work this node runs, then looks for open cancel requests: of its own work, and of
     * work whose node is gone.
     */
    private void beat() {
        for (RunningWork running : local.running()) {
            Work work = running.work;
            try {
                store.heartbeat(work.id(), nodeId, BackgroundWork.now(), OutputFile.tail(work.outputFile()));
            } catch (RuntimeException e) {
                log.warn("Heartbeat of work {} not recorded: {}", work.id(), e.toString());
            }
        }
        try {
            Instant now = BackgroundWork.now();
            for (Work requested : store.cancelRequested()) {
                RunningWork here = local.get(requested.id());
                boolean ownersBusiness = here == null && requested.adoptedBy() == null && !requested.nodeId().equals(nodeId)
                        && !requested.heartbeatAt().plus(settings.staleAfter()).isBefore(now);
                if ((here == null || here.cancelled == null) && !ownersBusiness && !local.isStopping(requested.id())) {
                    stopSoon.accept(requested.id());
                }
            }
        } catch (RuntimeException e) {
            log.warn("Cancel requests not looked at: {}", e.toString());
        }
    }
}
