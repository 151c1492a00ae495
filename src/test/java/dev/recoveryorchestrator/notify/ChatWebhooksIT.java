package dev.recoveryorchestrator.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.recoveryorchestrator.HostileValues;
import dev.recoveryorchestrator.TestEnvironment;
import dev.recoveryorchestrator.TestMail;
import dev.recoveryorchestrator.incident.FailureType;
import dev.recoveryorchestrator.incident.Incident;
import dev.recoveryorchestrator.incident.IncidentRequest;
import dev.recoveryorchestrator.incident.IncidentService;
import dev.recoveryorchestrator.incident.Scope;
import dev.recoveryorchestrator.incident.TimelineEntry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Slack and Teams beside mail, against a loopback HTTP server that plays both services and refuses (400) a message
 * that does not have the shape each documents: Slack a {@code text} and/or {@code blocks}; Teams a {@code message}
 * with one Adaptive Card attachment. Each message is queued as a {@code notification-webhook} instance and retried
 * like mail when the service fails. The users hear on Slack and Teams, the DevOps tier on Slack only, the CTO on
 * neither (no webhook configured). Its own JVM (failsafe): its own Spring context and engine.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "camunda.bpm.job-execution.enabled=false",
        "recovery.monitor.enabled=false",
        "recovery.standin.enabled=false",
        "recovery.notify.users=users@routing-ml.test",
        "recovery.contacts.devops[0].name=DevOps", "recovery.contacts.devops[0].email=devops@routing-ml.test",
        "recovery.contacts.cto[0].name=CTO", "recovery.contacts.cto[0].email=cto@routing-ml.test",
        "recovery.notify.channels=mail,slack,teams",
        "recovery.retries.mail=R2/PT1M",
})
@DirtiesContext
class ChatWebhooksIT {

    static final Path WORK = TestEnvironment.tempFolder("chat-webhooks");
    static final List<Posted> POSTED = new CopyOnWriteArrayList<>();
    static final AtomicInteger FAILURES_TO_GIVE = new AtomicInteger();
    static final HttpServer SERVICES = services();

    @Autowired
    IncidentService incidents;
    @Autowired
    Notifier notifier;
    @Autowired
    RuntimeService runtime;
    @Autowired
    ManagementService management;

    record Posted(String path, JsonNode json) {
    }

    @DynamicPropertySource
    static void environment(DynamicPropertyRegistry registry) {
        TestEnvironment.register(registry, "chat-webhooks", WORK, TestEnvironment.freePort());
        String base = "http://127.0.0.1:" + SERVICES.getAddress().getPort();
        registry.add("recovery.notify.webhooks.slack.users", () -> base + "/slack/T000/B000/users-secret");
        registry.add("recovery.notify.webhooks.slack.devops", () -> base + "/slack/T000/B000/devops-secret");
        registry.add("recovery.notify.webhooks.teams.users", () -> base + "/teams/users-secret");
    }

    @BeforeEach
    void empty() {
        POSTED.clear();
        FAILURES_TO_GIVE.set(0);
        TestMail.purge();
    }

    @AfterEach
    void leaveNothingBehind() {
        List<String> running = runtime.createProcessInstanceQuery().rootProcessInstances().list().stream()
                .map(instance -> instance.getId()).toList();
        if (!running.isEmpty()) {
            runtime.deleteProcessInstances(running, "test cleanup", true, false);
        }
    }

    @AfterAll
    static void stop() {
        SERVICES.stop(0);
    }

    @Test
    void theOpeningNoticeReachesUsersOnSlackAndTeamsBesideMail() {
        Incident incident = incidents.open(new IncidentRequest(FailureType.BACKEND_API_DOWN, Scope.WHOLE,
                "응답 없음 <!channel>", "test", null)).incident();
        management.executeJob(management.createJobQuery().processInstanceId(incident.processInstanceId())
                .activityId("StartEvent_IncidentOpened").singleResult().getId());
        assertThat(POSTED).as("queued, not posted in the opening transaction").isEmpty();
        postQueued();

        assertThat(POSTED).extracting(Posted::path)
                .containsExactlyInAnyOrder("/slack/T000/B000/users-secret", "/teams/users-secret");
        JsonNode slack = posted("/slack/T000/B000/users-secret");
        assertThat(slack.get("text").asText()).startsWith("[장애 발생]");
        assertThat(slack.get("blocks").get(0).get("text").get("text").asText())
                .contains("&lt;!channel&gt;").doesNotContain("<!channel>");
        JsonNode teams = posted("/teams/users-secret");
        assertThat(teams.get("attachments").get(0).get("content").get("body").get(1).get("text").asText())
                .contains("응답 없음 <!channel>");
        assertThat(incidents.timeline(incident.id())).extracting(TimelineEntry::detail)
                .anyMatch(detail -> detail.endsWith("→ slack: users"))
                .anyMatch(detail -> detail.endsWith("→ teams: users"))
                .noneMatch(detail -> detail.contains("secret"));
    }

    @Test
    void aTierHearsOnlyWhereItHasAWebhookAndTheLinkLeadsToTheTask() {
        String taskUrl = notifier.tasklistLink("task-42");
        notifier.sendWithoutIncident(Audience.tier("devops"), "report",
                Map.of("title", "검토 요청", "text", "정상", "taskUrl", taskUrl));
        notifier.sendWithoutIncident(Audience.tier("cto"), "report", Map.of("title", "보고", "text", "정상"));
        postQueued();

        assertThat(POSTED).extracting(Posted::path).containsExactly("/slack/T000/B000/devops-secret");
        assertThat(posted("/slack/T000/B000/devops-secret").get("blocks").get(1).get("elements").get(0)
                .get("url").asText()).isEqualTo(taskUrl);
    }

    @Test
    void aFailingServiceIsRetriedLikeMailAndItsErrorNamesTheHostOnly() {
        FAILURES_TO_GIVE.set(1);
        notifier.sendWithoutIncident(Audience.tier("devops"), "report",
                Map.of("title", HostileValues.LINES, "text", "x".repeat(100_000)));
        Job job = management.createJobQuery().processDefinitionKey(ChatChannel.PROCESS).singleResult();

        assertThatThrownBy(() -> management.executeJob(job.getId())).hasMessageContaining("answered 500")
                .hasMessageContaining("http://127.0.0.1:").hasMessageNotContaining("secret");
        Job retried = management.createJobQuery().processDefinitionKey(ChatChannel.PROCESS).singleResult();
        assertThat(retried.getRetries()).isEqualTo(1);
        assertThat(retried.getExceptionMessage()).doesNotContain("secret");
        management.executeJob(retried.getId());

        assertThat(POSTED).singleElement().satisfies(posted -> assertThat(posted.json().get("text").asText())
                .doesNotContain("\r", "\n").contains("${x}"));
        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(ChatChannel.PROCESS).count()).isZero();
    }

    private JsonNode posted(String path) {
        return POSTED.stream().filter(p -> p.path().equals(path)).findFirst().orElseThrow().json();
    }

    private void postQueued() {
        for (Job job : management.createJobQuery().processDefinitionKey(ChatChannel.PROCESS).list()) {
            management.executeJob(job.getId());
        }
    }

    /** Slack at /slack, Teams at /teams; a message without the documented shape gets 400, as the services answer. */
    private static HttpServer services() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", exchange -> {
                JsonNode json;
                try (InputStream body = exchange.getRequestBody()) {
                    json = new ObjectMapper().readTree(body);
                }
                String path = exchange.getRequestURI().getPath();
                boolean json_ = exchange.getRequestHeaders().getFirst("Content-Type").startsWith("application/json");
                boolean valid = json_ && (path.startsWith("/slack/") ? slackShape(json) : teamsShape(json));
                int status = !valid ? 400 : FAILURES_TO_GIVE.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? 500 : 200;
                if (status == 200) {
                    POSTED.add(new Posted(path, json));
                }
                byte[] answer = (status == 200 ? "ok" : "invalid_payload").getBytes();
                exchange.sendResponseHeaders(status, answer.length);
                exchange.getResponseBody().write(answer);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Slack incoming webhooks: {@code text} and/or {@code blocks}; section text at most 3000, mrkdwn or plain_text. */
    static boolean slackShape(JsonNode json) {
        boolean text = json.path("text").isTextual() && !json.get("text").asText().isEmpty();
        if (!json.has("blocks")) {
            return text;
        }
        if (!json.get("blocks").isArray() || json.get("blocks").size() > 50) {
            return false;
        }
        for (JsonNode block : json.get("blocks")) {
            switch (block.path("type").asText()) {
                case "section" -> {
                    JsonNode t = block.path("text");
                    if (!List.of("mrkdwn", "plain_text").contains(t.path("type").asText())
                            || t.path("text").asText().length() > 3000) {
                        return false;
                    }
                }
                case "actions" -> {
                    for (JsonNode element : block.path("elements")) {
                        if (!"button".equals(element.path("type").asText())
                                || !"plain_text".equals(element.path("text").path("type").asText())
                                || !element.path("url").asText().startsWith("http")) {
                            return false;
                        }
                    }
                }
                default -> {
                    return false;
                }
            }
        }
        return true;
    }

    /** Teams incoming webhooks / Workflows: a message with Adaptive Card attachments, each a card with a body. */
    static boolean teamsShape(JsonNode json) {
        if (!"message".equals(json.path("type").asText()) || !json.path("attachments").isArray()
                || json.get("attachments").isEmpty()) {
            return false;
        }
        for (JsonNode attachment : json.get("attachments")) {
            JsonNode card = attachment.path("content");
            if (!"application/vnd.microsoft.card.adaptive".equals(attachment.path("contentType").asText())
                    || !"AdaptiveCard".equals(card.path("type").asText()) || !card.path("version").isTextual()
                    || !card.path("body").isArray()) {
                return false;
            }
        }
        return json.toString().getBytes().length <= 28 * 1024;
    }
}
