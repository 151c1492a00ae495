package dev.recoveryorchestrator.runbook.networkoutage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.recoveryorchestrator.TestEnvironment;
import dev.recoveryorchestrator.TestHttp;
import dev.recoveryorchestrator.TestMail;
import dev.recoveryorchestrator.TestMail.Received;
import dev.recoveryorchestrator.action.PortProbe;
import dev.recoveryorchestrator.standin.StandinSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Type 3 as a user sees it: the whole application with its job executor and monitor on, the stand-in backend a real
 * OS process answering on loopback and on a second loopback address that plays the host's (127.0.0.2). Its
 * {@code network-fault} switch drops that address, a network outage that no restart fixes: the monitor opens the
 * incident, the runbook tells IT and the users, and only the host address answering again ends it RECOVERED.
 * Everything is observed over HTTP and SMTP (GreenMail); no clock is moved. Nothing but 127.0.0.0/8 is contacted.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "recovery.monitor.interval=PT0.2S",
        "recovery.monitor.timeout=PT1S",
        "recovery.runbook.network-outage.recheck-interval=PT1S",
        "recovery.notify.users=users@routing-ml.test",
        "recovery.contacts.it[0].name=IT", "recovery.contacts.it[0].email=it@routing-ml.test",
})
@DirtiesContext
class NetworkOutageEndToEndIT {

    static final Path WORK = TestEnvironment.tempFolder("recovery-network-e2e");
    static final int STANDIN_PORT = TestEnvironment.freePort();

    @Autowired
    StandinSettings standin;
    @Autowired
    PortProbe ports;
    @LocalServerPort
    int port;

    TestHttp admin;

    @DynamicPropertySource
    static void environment(DynamicPropertyRegistry registry) {
        TestEnvironment.register(registry, "network-end-to-end", WORK, STANDIN_PORT);
    }

    @BeforeEach
    void ready() {
        admin = TestHttp.on(port).as("admin", "admin");
        await().atMost(Duration.ofSeconds(20)).until(this::hostAnswers);
        TestMail.purge();
    }

    @AfterEach
    void networkBack() throws IOException {
        Files.deleteIfExists(standin.switchFile("network-fault"));
    }

    @Test
    void aDroppedHostAddressIsDetectedReportedToItAndUsersAndRecoveredOnlyWhenItAnswersAgain() throws Exception {
        Instant dropped = Instant.now();
        Files.writeString(standin.switchFile("network-fault"), "");

        JsonNode incident = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> incidents().stream().filter(i -> i.get("type").asText().equals("network-outage")).findFirst(),
                        found -> found.isPresent()).orElseThrow();
        String id = incident.get("id").asText();
        assertThat(incident.get("source").asText()).isEqualTo("health-monitor");
        assertThat(incident.get("summary").asText()).contains(standin.hostBind() + " 경유 접속 불가");

        TestHttp it = TestHttp.on(port).as("it1", "demo");
        JsonNode task = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> it.get("/engine-rest/task?taskDefinitionKey=UserTask_ContactIt").json(), t -> t.size() == 1)
                .get(0);
        assertThat(task.get("priority").asInt()).isEqualTo(100);
        assertThat(task.get("name").asText()).contains("긴급");
        assertThat(TestHttp.on(port).as("devops1", "demo").get("/engine-rest/task?taskDefinitionKey=UserTask_ContactIt")
                .json().size()).as("IT's task, not DevOps'").isZero();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(TestMail.received())
                .anyMatch(mail -> mail.subject().startsWith("[긴급: IT 지원 요청]") && mail.to().contains("it@routing-ml.test")
                        && mail.body().contains("서비스가 아니라 네트워크 문제"))
                .anyMatch(mail -> mail.subject().startsWith("[접속 안내]") && mail.body().contains("http://localhost:"
                        + STANDIN_PORT + "/")));
        assertThat(detail(id).get("state").asText()).isEqualTo("OPEN");

        Files.delete(standin.switchFile("network-fault"));
        JsonNode recovered = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> detail(id), i -> i.get("state").asText().equals("RECOVERED"));
        Instant sawRecovered = Instant.now();

        List<String> steps = recovered.get("timeline").findValuesAsText("step");
        assertThat(steps).contains("로컬 네트워크 확인", "증상 확인", "라우팅 테이블 확인", "방화벽 확인", "IT 팀 연락",
                "로컬 접속으로 전환", "호스트 포트 재확인", "헬스 체크 통과 확인");
        assertThat(steps).doesNotContain("서비스 재시작");
        Instant openedAt = Instant.parse(recovered.get("openedAt").asText());
        Instant recoveredAt = Instant.parse(recovered.get("recoveredAt").asText());
        assertThat(openedAt).isAfterOrEqualTo(dropped.minusSeconds(2));
        assertThat(recoveredAt).isAfter(openedAt).isBeforeOrEqualTo(sawRecovered);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(TestMail.received())
                .extracting(Received::subject).anyMatch(s -> s.startsWith("[복구 완료]")));
        assertThat(it.get("/engine-rest/task?taskDefinitionKey=UserTask_ContactIt").json().size())
                .as("IT's task ends with the outage").isZero();
    }

    private List<JsonNode> incidents() {
        return StreamSupport.stream(admin.get("/api/incidents").json().spliterator(), false).toList();
    }

    private JsonNode detail(String id) {
        return admin.get("/api/incidents/" + id).json();
    }

    private boolean hostAnswers() {
        return ports.listening(standin.hostBind(), STANDIN_PORT, Duration.ofMillis(500));
    }
}
