package dev.recoveryorchestrator.incident;

import jakarta.annotation.PreDestroy;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * At start and then periodically ({@code recovery.lifecycle.orphan-sweep}), closes every OPEN incident whose
 * lifecycle is not running, with a timeline entry: the {@link LifecycleEndWatcher} catches every end the engine
 * reports, this catches what it cannot see (rows restored from a backup, an instance removed by SQL). Every node
 * runs it; closing is a conditional update, so two nodes close an orphan once.
 */
@Component
class OrphanSweep {

    static final String REASON = "고아 장애: 대응 절차(incident-lifecycle)가 실행 중이 아님";
    private static final Logger log = LoggerFactory.getLogger(OrphanSweep.class);
    private final IncidentService incidents;
    private final LifecycleSettings settings;
    private final TransactionTemplate transaction;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "orphan-sweep");
        thread.setDaemon(true);
        return thread;
    });

    OrphanSweep(IncidentService incidents, LifecycleSettings settings, TransactionTemplate transaction) {
        this.incidents = incidents;
        this.settings = settings;
        this.transaction = transaction;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        scheduler.scheduleWithFixedDelay(this::sweepSafely, 0, settings.orphanSweep().toMillis(), TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        scheduler.shutdownNow();
    }

    /** Closes the orphans found now; returns how many. */
    int sweep() {
        int closed = 0;
        for (Incident orphan : incidents.openWithoutLifecycle()) {
            if (Boolean.TRUE.equals(transaction.execute(status -> incidents.closeBecauseLifecycleEnded(orphan.id(), REASON)))) {
                closed++;
            }
        }
        return closed;
    }

    private void sweepSafely() {
        try {
            int closed = sweep();
            if (closed > 0) {
                log.warn("Closed {} orphaned incident(s)", closed);
            }
        } catch (RuntimeException e) {
            log.error("Orphan sweep failed; it runs again in {}", settings.orphanSweep(), e);
        }
    }
}
