package dev.recoveryorchestrator.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.recoveryorchestrator.EngineTestSupport;
import dev.recoveryorchestrator.TestMail;
import dev.recoveryorchestrator.action.TargetSettings;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A close that meets a step of the runbook running at the same moment: the engine refuses one of the two
 * (OptimisticLockingException) and rolls back all of it. The benchmark harness found it as a race (every close right
 * after an alert answered 500); here the refusal is made deterministic: the close's transaction does all its work and
 * is then refused, as the engine refuses it at its flush, and rolled back. Everything else is the real service, engine,
 * database and mail server.
 */
class IncidentCloseRetryTest extends EngineTestSupport {

    @Autowired
    IncidentStore store;
    @Autowired
    RepositoryService repository;
    @Autowired
    PlatformTransactionManager transactionManager;
    @Autowired
    TargetSettings target;
    @Autowired
    ObjectiveSettings objectives;
    @Autowired
    MeterRegistry metrics;
    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    IncidentTimeline timeline;

    @Test
    void aCloseTheEngineRefusesIsDoneAgainAndRecordedOnce() throws Exception {
        breakStandin();
        Incident incident = open(FailureType.BACKEND_API_DOWN);
        runDueJobs();
        TestMail.purge();
        double closedBefore = closedCount();
        Refusing refusing = new Refusing(2);

        Incident closed = serviceWith(refusing).close(incident.id(), "false alarm", "devops1");

        assertThat(refusing.calls.get()).as("two refused, the third taken").isEqualTo(3);
        assertThat(closed.state()).isEqualTo(IncidentState.CLOSED);
        assertThat(closed.closedBy()).isEqualTo("devops1");
        assertThat(incidents.timeline(incident.id())).as("the refused attempts left nothing")
                .filteredOn(entry -> entry.step().equals("장애 종료")).hasSize(1);
        runDueJobs();
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(incident.id())
                .processDefinitionKey(IncidentService.LIFECYCLE_PROCESS).count()).as("lifecycle ended").isZero();
        assertThat(TestMail.received()).filteredOn(mail -> mail.subject().startsWith("[장애 종료]")).hasSize(1);
        assertThat(closedCount() - closedBefore).as("counted once").isEqualTo(1.0);
    }

    @Test
    void aCloseRefusedEveryTimeChangesNothingAndCanBeSentAgain() throws Exception {
        breakStandin();
        Incident incident = open(FailureType.BACKEND_API_DOWN);
        runDueJobs();
        Refusing refusing = new Refusing(Integer.MAX_VALUE);

        assertThatThrownBy(() -> serviceWith(refusing).close(incident.id(), "false alarm", "devops1"))
                .isInstanceOf(OptimisticLockingException.class);

        assertThat(refusing.calls.get()).isEqualTo(IncidentService.CLOSE_ATTEMPTS);
        assertThat(incidents.find(incident.id()).orElseThrow().state()).isEqualTo(IncidentState.OPEN);
        assertThat(incidents.timeline(incident.id())).filteredOn(entry -> entry.step().equals("장애 종료")).isEmpty();
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(incident.processInstanceId()).count())
                .as("lifecycle still runs").isOne();

        assertThat(incidents.close(incident.id(), "false alarm", "devops1").state()).isEqualTo(IncidentState.CLOSED);
    }

    private IncidentService serviceWith(TransactionTemplate transactions) {
        return new IncidentService(store, runtime, repository, transactions, target, objectives, metrics, events,
                timeline);
    }

    private double closedCount() {
        return metrics.find("recovery.incidents.closed").counters().stream().mapToDouble(c -> c.count()).sum();
    }

    /** Runs each transaction's work and then refuses the first {@code refusals} of them, rolling them back. */
    private final class Refusing extends TransactionTemplate {

        final AtomicInteger calls = new AtomicInteger();
        private final int refusals;

        Refusing(int refusals) {
            super(transactionManager);
            this.refusals = refusals;
        }

        @Override
        public <T> T execute(TransactionCallback<T> action) throws TransactionException {
            if (calls.incrementAndGet() > refusals) {
                return super.execute(action);
            }
            return super.execute(status -> {
                action.doInTransaction(status);
                throw new OptimisticLockingException("refused by the test, as the engine refuses a stale update");
            });
        }
    }
}
