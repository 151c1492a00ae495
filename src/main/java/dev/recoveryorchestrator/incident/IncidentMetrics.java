package dev.recoveryorchestrator.incident;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The incident metrics ({@code /actuator/prometheus}, docs/operations.md lists them), counted from the incident events
 * after their transaction commits: a rolled-back open or close counts nothing, and a change made outside a
 * transaction still counts ({@code fallbackExecution}). Every meter carries {@code drill}: a DR drill's incident
 * counts with {@code drill="true"}, so that real incident figures select {@code drill="false"} and never include one.
 * <p>
 * Every counter and histogram of a type, source and drill is registered at start with zero, so that a dashboard or an
 * alert rule finds its series (and {@code rate()} its first increase) before the first incident.
 */
@Component
class IncidentMetrics {

    /** Where an incident came from, as the {@code source} label says it: a bounded set, whatever the request said. */
    static final List<String> SOURCES = List.of("monitor", "alert", "person", "runbook", "drill");
    /**
     * Buckets of the time to acknowledge and to recover: the escalation tiers' steps (30 min, 1 h, 2 h), the RTO
     * target (4 h) and the acceptable limit (8 h), with finer steps below for the quick ones.
     */
    static final Duration[] BUCKETS = {Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15),
            Duration.ofMinutes(30), Duration.ofHours(1), Duration.ofHours(2), Duration.ofHours(4), Duration.ofHours(8),
            Duration.ofHours(24)};

    private final MeterRegistry metrics;

    IncidentMetrics(MeterRegistry metrics) {
        this.metrics = metrics;
        for (FailureType type : FailureType.values()) {
            for (boolean drill : new boolean[] {false, true}) {
                for (String source : SOURCES) {
                    metrics.counter("recovery.incidents.opened", tags(type, drill, "source", source));
                    metrics.counter("recovery.incidents.recovered", tags(type, drill, "source", source));
                }
                metrics.counter("recovery.incidents.closed", tags(type, drill));
                metrics.counter("recovery.incidents.deduplicated", tags(type, drill));
                for (String via : List.of(Acknowledgement.API, Acknowledgement.MAIL, Acknowledgement.TASKLIST)) {
                    metrics.counter("recovery.incidents.acknowledged", tags(type, drill, "via", via));
                }
                timeToAcknowledge(type, drill);
                timeToRecover(type, drill);
            }
        }
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void opened(IncidentOpened event) {
        Incident incident = event.incident();
        metrics.counter("recovery.incidents.opened", tags(incident.type(), incident.drill(), "source", source(incident)))
                .increment();
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void acknowledged(IncidentAcknowledged event) {
        Incident incident = event.incident();
        metrics.counter("recovery.incidents.acknowledged", tags(incident.type(), incident.drill(), "via",
                event.acknowledgement().via())).increment();
        Duration waited = Duration.between(incident.openedAt(), event.acknowledgement().at());
        timeToAcknowledge(incident.type(), incident.drill()).record(waited.isNegative() ? Duration.ZERO : waited);
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void escalated(IncidentEscalated event) {
        metrics.counter("recovery.incidents.escalated", "tier", event.tier(), "drill", String.valueOf(event.drill()))
                .increment();
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void recovered(IncidentRecovered event) {
        Incident recovered = event.incident();
        metrics.counter("recovery.incidents.recovered", tags(recovered.type(), recovered.drill(), "source",
                source(recovered))).increment();
        timeToRecover(recovered.type(), recovered.drill()).record(recovered.downtime());
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void closed(IncidentClosed event) {
        metrics.counter("recovery.incidents.closed", tags(event.incident().type(), event.incident().drill())).increment();
    }

    /** MTTA: from the failure to the first acknowledgement. */
    private Timer timeToAcknowledge(FailureType type, boolean drill) {
        return Timer.builder("recovery.incident.time.to.acknowledge")
                .description("From the failure to the first acknowledgement by a responder (MTTA)")
                .serviceLevelObjectives(BUCKETS).tags(tags(type, drill)).register(metrics);
    }

    /** MTTR: from the failure to the passed health check (the incident's downtime). */
    private Timer timeToRecover(FailureType type, boolean drill) {
        return Timer.builder("recovery.incident.time.to.recover")
                .description("From the failure to the passed health check (MTTR, the downtime)")
                .serviceLevelObjectives(BUCKETS).tags(tags(type, drill)).register(metrics);
    }

    /** The {@code source} label of an incident's free-text source (an API caller's words never become a label). */
    static String source(Incident incident) {
        String source = incident.source() == null ? "" : incident.source();
        if (incident.drill() || source.equals("inspection-drill")) {
            return "drill";
        }
        if (source.equals("health-monitor")) {
            return "monitor";
        }
        if (source.startsWith("alert:")) {
            return "alert";
        }
        if (source.equals("reclassified")) {
            return "runbook";
        }
        return "person";
    }

    private static String[] tags(FailureType type, boolean drill, String... more) {
        String[] tags = new String[4 + more.length];
        tags[0] = "type";
        tags[1] = type.id();
        tags[2] = "drill";
        tags[3] = String.valueOf(drill);
        System.arraycopy(more, 0, tags, 4, more.length);
        return tags;
    }
}
