package dev.recoveryorchestrator.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import dev.recoveryorchestrator.EngineTestSupport;
import dev.recoveryorchestrator.HistoricInstance;
import dev.recoveryorchestrator.TestMail;
import dev.recoveryorchestrator.TestMail.Received;
import java.time.Duration;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Recovery is noticed while a person holds the runbook: the lifecycle keeps checking health, and after the
 * configured passing checks it stops escalation and RTO timers, closes the open tasks, tells their holders, and
 * dates the recovery from the first passing check.
 */
class HealthWatchTest extends EngineTestSupport {

    @Autowired
    LifecycleSettings settings;

    @Test
    void aBackendThatComesBackWhileAPersonHoldsTheTaskEndsTheIncidentAtItsFirstPassingCheck() throws Exception {
        breakStandin();
        Incident incident = open(FailureType.BACKEND_API_DOWN);
        runDueJobs();
        Task manual = tasks.createTaskQuery().taskDefinitionKey("UserTask_ManualRecovery").singleResult();
        tasks.claim(manual.getId(), "devops1");
        Duration interval = settings.watchInterval();

        advance(interval);
        assertThat(incidents.find(incident.id()).orElseThrow().state()).as("still failing").isEqualTo(IncidentState.OPEN);
        healStandin();
        TestMail.purge();
        for (int pass = 1; pass < settings.watchPasses(); pass++) {
            advance(interval);
            assertThat(incidents.find(incident.id()).orElseThrow().state()).isEqualTo(IncidentState.OPEN);
        }
        advance(interval);

        Incident recovered = incidents.find(incident.id()).orElseThrow();
        assertThat(recovered.state()).isEqualTo(IncidentState.RECOVERED);
        assertThat(recovered.recoveredAt()).as("the first passing check").isEqualTo(start.plus(interval.multipliedBy(2)));
        assertThat(recovered.downtime()).isEqualTo(interval.multipliedBy(2));
        assertThat(openResponseTasks(incident.id())).as("open tasks").isZero();
        assertThat(management.createJobQuery().processInstanceId(incident.processInstanceId()).count())
                .as("tier and RTO timers").isZero();
        assertThat(new HistoricInstance(history.createHistoricProcessInstanceQuery()
                .processInstanceId(incident.processInstanceId()).singleResult()))
                .hasPassed("Task_WatchHealth", "Task_CloseOpenTasks", "EndEvent_RecoveryNoticed", "Task_RecordRecovery")
                .isEnded();
        assertThat(incidents.timeline(incident.id())).anyMatch(entry -> entry.step().equals("작업 종료")
                && entry.detail().contains("수동 복구") && entry.detail().contains("devops1"));
        Received closed = TestMail.received().stream().filter(m -> m.subject().startsWith("[작업 종료]")).findFirst()
                .orElseThrow();
        assertThat(closed.to()).contains(holderAddress("devops1"));
        assertThat(closed.body()).contains("수동 복구");
        assertThat(TestMail.received()).anyMatch(m -> m.subject().startsWith("[복구 완료]"));

        TestMail.purge();
        advanceTo(Duration.ofHours(9));
        assertThat(TestMail.received()).as("no escalation or RTO mail after recovery").isEmpty();
    }

    @Test
    void aSinglePassingCheckBetweenFailuresIsNotARecovery() throws Exception {
        breakStandin();
        Incident incident = open(FailureType.BACKEND_API_DOWN);
        runDueJobs();
        Duration interval = settings.watchInterval();

        healStandin();
        advance(interval);
        breakStandin();
        advance(interval);
        healStandin();
        for (int pass = 1; pass < settings.watchPasses(); pass++) {
            advance(interval);
        }
        assertThat(incidents.find(incident.id()).orElseThrow().state()).isEqualTo(IncidentState.OPEN);
        advance(interval);

        Incident recovered = incidents.find(incident.id()).orElseThrow();
        assertThat(recovered.state()).isEqualTo(IncidentState.RECOVERED);
        assertThat(recovered.recoveredAt()).isEqualTo(start.plus(interval.multipliedBy(3)));
    }

    private String holderAddress(String userId) {
        return engine.getIdentityService().createUserQuery().userId(userId).singleResult().getEmail();
    }
}
