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
 * ({@code fallbackExecution}).
 */
@Component
class IncidentMetrics {

    private final MeterRegistry metrics;

    IncidentMetrics(MeterRegistry metrics, IncidentStore store) {
        this.metrics = metrics;
        Gauge.builder("recovery.incidents.open", store, IncidentStore::countOpen)
                .description("Incidents open now, over every node").register(metrics);
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void opened(IncidentOpened event) {
        metrics.counter("recovery.incidents.opened", "type", event.incident().type().id()).increment();
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void escalated(IncidentEscalated event) {
        metrics.counter("recovery.incidents.escalated", "tier", event.tier()).increment();
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void recovered(IncidentRecovered event) {
        Incident recovered = event.incident();
        Timer.builder("recovery.incident.downtime").description("From the failure to the passed health check")
                .tag("type", recovered.type().id()).register(metrics).record(recovered.downtime());
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void closed(IncidentClosed event) {
        metrics.counter("recovery.incidents.closed", "type", event.incident().type().id()).increment();
    }
}
