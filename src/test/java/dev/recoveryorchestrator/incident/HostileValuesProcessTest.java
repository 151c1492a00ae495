package dev.recoveryorchestrator.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.recoveryorchestrator.EngineTestSupport;
import dev.recoveryorchestrator.HostileValues;
import dev.recoveryorchestrator.TestHttp;
import dev.recoveryorchestrator.TestMail;
import java.time.Duration;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;

/**
 * An incident whose summary and source hold placeholders, expressions, format specifiers, shell words and line
 * breaks runs like any other: values are data, in the mail, the timeline and the tasks.
 */
class HostileValuesProcessTest extends EngineTestSupport {

    @Test
    void anIncidentWithHostileSummaryAndSourceRunsToRecovery() {
        killStandin();
        Incident incident = incidents.open(new IncidentRequest(FailureType.BACKEND_API_DOWN, Scope.WHOLE,
                HostileValues.LINES, HostileValues.TEXT, null)).incident();
        ProcessInstance lifecycle = runtime.createProcessInstanceQuery()
                .processInstanceId(incident.processInstanceId()).singleResult();

        runDueJobs();

        HostileValues.assertRanNormally(this, incident, HostileValues.LINES, HostileValues.TEXT);
        TestMail.purge();
        advance(Duration.ofSeconds(3));
        assertThat(lifecycle).isEnded();
        assertThat(incidents.find(incident.id()).orElseThrow().state()).isEqualTo(IncidentState.RECOVERED);
        assertThat(HostileValues.mail("[복구 완료]").body()).contains(incident.id());
        assertThat(incidents.find(incident.id()).orElseThrow().summary()).isEqualTo(HostileValues.LINES);
    }

    @Test
    void anIncidentOpenedOverHttpWithHostileSummaryAndSourceRunsNormally() {
        killStandin();
        ObjectNode body = new ObjectMapper().createObjectNode()
                .put("type", "backend-api-down").put("scope", "whole")
                .put("summary", HostileValues.LINES).put("source", HostileValues.TEXT);

        TestHttp.Response response = TestHttp.on(port).as("admin", "admin").post("/api/incidents", body.toString());

        assertThat(response.status()).as(response.body()).isEqualTo(201);
        assertThat(response.json().get("summary").asText()).isEqualTo(HostileValues.LINES);
        Incident incident = incidents.find(response.json().get("id").asText()).orElseThrow();
        runDueJobs();
        HostileValues.assertRanNormally(this, incident, HostileValues.LINES, HostileValues.TEXT);
        assertThat(incidents.timeline(incident.id())).extracting(TimelineEntry::step).contains("로그 스냅샷", "프로세스 확인",
                "로그 확인", "서비스 재시작", "헬스 체크");
    }
}
