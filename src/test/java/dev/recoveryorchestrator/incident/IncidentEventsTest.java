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
        double before = metrics.counter("recovery.incidents.escalated", "tier", "backend", "drill", "false").count();

        incidents.escalatedTo(incident.id(), "backend");

        assertThat(metrics.counter("recovery.incidents.escalated", "tier", "backend", "drill", "false").count())
                .isEqualTo(before + 1);
    }

    @Test
    void theFirstAcknowledgementIsRecordedOnceAndTimedFromTheFailure() {
        Incident incident = open(FailureType.BACKEND_API_DOWN);
        long before = timed("recovery.incident.time.to.acknowledge");
        advance(java.time.Duration.ofMinutes(7));

        IncidentService.Acknowledged first = incidents.acknowledge(incident.id(), "devops1", Acknowledgement.API);
        IncidentService.Acknowledged again = incidents.acknowledge(incident.id(), "backend1", Acknowledgement.MAIL);

        assertThat(first.first()).isTrue();
        assertThat(again.first()).isFalse();
        assertThat(again.acknowledgement().by()).as("the first stays").isEqualTo("devops1");
        assertThat(timed("recovery.incident.time.to.acknowledge")).isEqualTo(before + 1);
        Timer mtta = metrics.find("recovery.incident.time.to.acknowledge").tags("type", TYPE, "drill", "false").timer();
        assertThat(mtta.max(java.util.concurrent.TimeUnit.MINUTES)).isGreaterThanOrEqualTo(7);
        assertThat(incidents.timeline(incident.id())).filteredOn(e -> e.step().equals(IncidentService.ACKNOWLEDGED))
                .singleElement().satisfies(e -> assertThat(e.actor()).isEqualTo("devops1"));
        assertThat(incidents.checklist(incident.id())).filteredOn(item -> item.id().equals("acknowledged"))
                .singleElement().satisfies(item -> assertThat(item.done()).isTrue());
    }

    @Test
    void anIncidentNoLongerOpenCannotBeAcknowledged() {
        Incident incident = open(FailureType.BACKEND_API_DOWN);
        incidents.close(incident.id(), "오탐", "tester");

        assertThatThrownBy(() -> incidents.acknowledge(incident.id(), "devops1", Acknowledgement.API))
                .isInstanceOf(IncidentService.IncidentNotOpenException.class);
        assertThatThrownBy(() -> incidents.acknowledge("no-such-incident", "devops1", Acknowledgement.API))
                .isInstanceOf(IncidentService.IncidentNotOpenException.class);
        assertThat(incidents.acknowledgement(incident.id())).isEmpty();
    }

    /** Real incidents of the type, from any source. */
    private double counter(String name) {
        return metrics.find(name).tags("type", TYPE, "drill", "false").counters().stream().mapToDouble(Counter::count)
                .sum();
    }

    private long downtimes() {
        return timed("recovery.incident.time.to.recover");
    }

    private long timed(String name) {
        Timer timer = metrics.find(name).tags("type", TYPE, "drill", "false").timer();
        return timer == null ? 0 : timer.count();
    }
}
