package dev.recoveryorchestrator.action;

import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;

/**
 * The work as recorded, read with the newest tail of its output file, and the one publishing of its end as
 * {@link WorkState#CANCELLED} ({@link WorkCancelled}) by whichever recorded that end.
 */
final class WorkRecords {

    private static final Logger log = LoggerFactory.getLogger(WorkRecords.class);
    private final WorkStore store;
    private final ApplicationEventPublisher events;

    WorkRecords(WorkStore store, ApplicationEventPublisher events) {
        this.store = store;
        this.events = events;
    }

    /** The work as recorded, with no conclusions drawn. */
    Optional<Work> find(String id) {
        return store.find(id).map(WorkRecords::withLocalTail);
    }

    /** Called by whoever ended the work (one conditional update succeeds): publishes the end when it is CANCELLED. */
    void cancelled(String id) {
        readBack(id).ifPresent(this::publishIfCancelled);
    }

    /** The work as its end was just recorded; empty (and said so) when it cannot be read back. */
    Optional<Work> readBack(String id) {
        try {
            return Optional.of(find(id).orElseThrow());
        } catch (RuntimeException e) {
            log.error("Work {} has ended, but could not be read back: if it ended CANCELLED, that is not passed on", id, e);
            return Optional.empty();
        }
    }

    void publishIfCancelled(Work work) {
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

    private static Work withLocalTail(Work work) {
        String tail = OutputFile.tail(work.outputFile());
        return tail == null ? work : work.withOutputTail(tail);
    }
}
