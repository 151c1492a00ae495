package dev.recoveryorchestrator.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.recoveryorchestrator.EngineTestSupport;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The incident events reach their listeners (the metrics) once, after the transaction that made the change commits:
 * nothing for a rolled-back change, nothing twice, and a change made outside a transaction still counts.
 */
class IncidentEventsTest extends EngineTestSupport {

    private static final String TYPE = FailureType.BACKEND_API_DOWN.id();

    @Autowired
    MeterRegistry metrics;
    @Autowired
    TransactionTemplate transaction;

    @Test
    void aCommittedOpenIsCountedOnce() {
        double before = counter("recovery.incidents.opened");

        open(FailureType.BACKEND_API_DOWN);
        open(FailureType.BACKEND_API_DOWN);

        assertThat(counter("recovery.incidents.opened")).as("the second open was deduplicated").isEqualTo(before + 1);
    }

    @Test
    void aRolledBackOpenPublishesNothing() {
        double before = counter("recovery.incidents.opened");

        Incident rolledBack = transaction.execute(status -> {
            Incident incident = open(FailureType.BACKEND_API_DOWN);
            status.setRollbackOnly();
            return incident;
        });

        assertThat(incidents.find(rolledBack.id())).isEmpty();
        assertThat(counter("recovery.incidents.opened")).isEqualTo(before);
    }

    @Test
    void anOpenInsideALongerTransactionIsCountedOnlyWhenThatTransactionCommits() {
        double before = counter("recovery.incidents.opened");

        transaction.executeWithoutResult(status -> {
            open(FailureType.BACKEND_API_DOWN);
            assertThat(counter("recovery.incidents.opened")).as("not before commit").isEqualTo(before);
        });

        assertThat(counter("recovery.incidents.opened")).isEqualTo(before + 1);
    }

    @Test
    void aRecoveryRecordedOutsideATransactionIsCountedOnceWithItsDowntime() {
        Incident incident = open(FailureType.BACKEND_API_DOWN);
        long before = downtimes();

        incidents.markRecovered(incident.id());
        incidents.markRecovered(incident.id());

        assertThat(downtimes()).as("recorded once").isEqualTo(before + 1);
    }

    @Test
    void aClosedIncidentIsCountedOnceAndARefusedCloseCountsNothing() {
        Incident incident = open(FailureType.BACKEND_API_DOWN);
        double before = counter("recovery.incidents.closed");

        incidents.close(incident.id(), "오탐", "tester");
        assertThatThrownBy(() -> incidents.close(incident.id(), "오탐", "tester"))
                .isInstanceOf(IncidentService.IncidentNotOpenException.class);

        assertThat(counter("recovery.incidents.closed")).isEqualTo(before + 1);
    }

    @Test
    void anEscalationIsCountedPerTier() {
        Incident incident = open(FailureType.BACKEND_API_DOWN);
        double before = metrics.counter("recovery.incidents.escalated", "tier", "backend").count();

        incidents.escalatedTo(incident.id(), "backend");

        assertThat(metrics.counter("recovery.incidents.escalated", "tier", "backend").count()).isEqualTo(before + 1);
    }

    private double counter(String name) {
        Counter counter = metrics.find(name).tag("type", TYPE).counter();
        return counter == null ? 0 : counter.count();
    }

    private long downtimes() {
        Timer timer = metrics.find("recovery.incident.downtime").tag("type", TYPE).timer();
        return timer == null ? 0 : timer.count();
    }
}
