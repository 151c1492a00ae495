package dev.recoveryorchestrator.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.recoveryorchestrator.EngineTestSupport;
import dev.recoveryorchestrator.HostileValues;
import dev.recoveryorchestrator.TestHttp;
import dev.recoveryorchestrator.TestMail;
import dev.recoveryorchestrator.notify.Audience;
import dev.recoveryorchestrator.notify.Notifier;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * An incident whose summary and source hold placeholders, expressions, format specifiers, shell words and line
 * breaks runs like any other: values are data, in the mail, the timeline and the tasks.
 */
class HostileValuesProcessTest extends EngineTestSupport {

    @Autowired
    Notifier notifier;

    @Test
    void anIncidentWithHostileSummaryAndSourceRunsToRecovery() {
        killStandin();
        Incident incident = incidents.open(new IncidentRequest(FailureType.BACKEND_API_DOWN, Scope.WHOLE,
                HostileValues.LINES, HostileValues.TEXT, null)).incident();
        ProcessInstance lifecycle = runtime.createProcessInstanceQuery()
                .processInstanceId(incident.processInstanceId()).singleResult();

        runDueJobs();

        HostileValues.assertRanNormally(this, incident, HostileValues.LINES, HostileValues.TEXT);
        advance(Duration.ofSeconds(3));
        // recovery is recorded at the first passing health check, in the same run of jobs as the restart
        assertThat(lifecycle).isEnded();
        assertThat(incidents.find(incident.id()).orElseThrow().state()).isEqualTo(IncidentState.RECOVERED);
        assertThat(HostileValues.mail("[복구 완료]").body()).contains(incident.id());
        assertThat(incidents.find(incident.id()).orElseThrow().summary()).isEqualTo(HostileValues.LINES);
    }

    @Test
    void aRecipientThatIsNotAPlainAddressIsLeftOutAndNoted() {
        Incident incident = open(FailureType.BACKEND_API_DOWN);
        String injected = "ops@routing-ml.test\r\nBcc: evil@example.com";

        boolean queued = notifier.send(Audience.addresses(List.of("users@routing-ml.test", injected,
                "a@b.test, evil@example.com")), "incident-opened", incident.id(), Map.of());

        assertThat(queued).isTrue();
        ProcessInstance mail = runtime.createProcessInstanceQuery().processDefinitionKey(Notifier.MAIL_PROCESS)
                .processInstanceBusinessKey(incident.id()).list().stream()
                .filter(instance -> "incident-opened".equals(runtime.getVariable(instance.getId(), "mailTemplate")))
                .reduce((first, second) -> second).orElseThrow();
        assertThat(runtime.getVariable(mail.getId(), "mailTo")).isEqualTo("users@routing-ml.test");
        assertThat(incidents.timeline(incident.id())).extracting(TimelineEntry::detail)
                .anyMatch(detail -> detail.equals("incident-opened: 잘못된 수신자 주소 제외: ops@routing-ml.test Bcc: evil@example.com"))
                .anyMatch(detail -> detail.equals("incident-opened: 잘못된 수신자 주소 제외: a@b.test, evil@example.com"));
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
