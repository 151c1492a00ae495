package dev.recoveryorchestrator.incident;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The incident metrics ({@code /actuator/prometheus}), counted from the incident events after their transaction
 * commits: a rolled-back open or close counts nothing, and a change made outside a transaction still counts
 * ({@code fallbackExecution}). A DR drill's incident counts under {@code recovery.drill.*} instead, so that the real
 * incident figures never include a drill.
 */
@Component
class IncidentMetrics {

    private final MeterRegistry metrics;

    IncidentMetrics(MeterRegistry metrics, IncidentStore store) {
        this.metrics = metrics;
        Gauge.builder("recovery.incidents.open", store, IncidentStore::countOpen)
                .description("Real incidents open now, over every node (drills not counted)").register(metrics);
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void opened(IncidentOpened event) {
        metrics.counter(name(event.incident().drill(), "incidents.opened"), "type", event.incident().type().id())
                .increment();
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void escalated(IncidentEscalated event) {
        metrics.counter(name(event.drill(), "incidents.escalated"), "tier", event.tier()).increment();
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void recovered(IncidentRecovered event) {
        Incident recovered = event.incident();
        Timer.builder(name(recovered.drill(), "incident.downtime"))
                .description(recovered.drill() ? "DR drills: from the injected failure to the passed health check"
                        : "From the failure to the passed health check")
                .tag("type", recovered.type().id()).register(metrics).record(recovered.downtime());
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void closed(IncidentClosed event) {
        metrics.counter(name(event.incident().drill(), "incidents.closed"), "type", event.incident().type().id())
                .increment();
    }

    /** {@code recovery.<what>} for a real incident, {@code recovery.drill.<what>} for a drill's. */
    private static String name(boolean drill, String what) {
        return (drill ? "recovery.drill." : "recovery.") + what;
    }
}
