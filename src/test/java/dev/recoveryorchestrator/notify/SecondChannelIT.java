package dev.recoveryorchestrator.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.recoveryorchestrator.HostileValues;
import dev.recoveryorchestrator.TestEnvironment;
import dev.recoveryorchestrator.TestMail;
import dev.recoveryorchestrator.TestMail.Received;
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
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A second channel is one more bean and one line of configuration: an incoming-webhook channel (as Slack's and
 * Teams' are: JSON posted to a URL), here posting to a small HTTP server on loopback, receives the lifecycle's own
 * notifications next to the mail, with no caller changed. {@code recovery.notify.routes} keeps an audience on mail
 * only. An IT (its own JVM under failsafe): its second Spring context has a second engine named {@code default}, and
 * closing it would unregister the shared test context's engine from Camunda's static registry.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "camunda.bpm.job-execution.enabled=false",
        "recovery.monitor.enabled=false",
        "recovery.standin.enabled=false",
        "recovery.notify.users=users@routing-ml.test",
        "recovery.contacts.devops[0].name=DevOps", "recovery.contacts.devops[0].email=devops@routing-ml.test",
        "recovery.contacts.cto[0].name=CTO", "recovery.contacts.cto[0].email=cto@routing-ml.test",
        "recovery.notify.channels=mail,webhook",
        "recovery.notify.routes.tier=mail",
})
@Import(SecondChannelIT.WebhookChannelConfiguration.class)
@DirtiesContext
class SecondChannelIT {

    static final Path WORK = TestEnvironment.tempFolder("second-channel");
    static final List<JsonNode> POSTED = new CopyOnWriteArrayList<>();
    static final HttpServer WEBHOOK = webhook();

    @Autowired
    IncidentService incidents;
    @Autowired
    Notifier notifier;
    @Autowired
    RuntimeService runtime;
    @Autowired
    ManagementService management;

    @DynamicPropertySource
    static void environment(DynamicPropertyRegistry registry) {
        TestEnvironment.register(registry, "second-channel", WORK, TestEnvironment.freePort());
    }

    @BeforeEach
    void empty() {
        POSTED.clear();
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
    static void stopWebhook() {
        WEBHOOK.stop(0);
    }

    @Test
    void theOpeningNotificationReachesTheWebhookAsWellAsTheMailWithNoCallerChanged() {
        Incident incident = incidents.open(new IncidentRequest(FailureType.BACKEND_API_DOWN, Scope.WHOLE, "응답 없음",
                "test", null)).incident();
        management.executeJob(management.createJobQuery().processInstanceId(incident.processInstanceId())
                .activityId("StartEvent_IncidentOpened").singleResult().getId());
        sendQueuedMail();

        Received mail = TestMail.received().stream().filter(m -> m.subject().startsWith("[장애 발생]")).findFirst()
                .orElseThrow();
        assertThat(POSTED).singleElement().satisfies(posted -> {
            assertThat(posted.get("template").asText()).isEqualTo("incident-opened");
            assertThat(posted.get("incidentId").asText()).isEqualTo(incident.id());
            assertThat(posted.get("text").asText()).isEqualTo(mail.subject());
            // SMTP ends lines with CRLF and the mail's last line break may go; the text is the same.
            assertThat(HostileValues.lineEnds(posted.get("body").asText()).strip())
                    .isEqualTo(HostileValues.lineEnds(mail.body()).strip());
            assertThat(posted.get("users").asBoolean()).isTrue();
        });
        assertThat(incidents.timeline(incident.id())).extracting(TimelineEntry::detail)
                .contains(mail.subject() + " → users@routing-ml.test", mail.subject() + " → webhook: loopback webhook");
    }

    @Test
    void anAudienceRoutedToMailOnlyDoesNotReachTheWebhook() {
        boolean sent = notifier.sendWithoutIncident(Audience.tier("cto"), "report",
                Map.of("title", "주간 점검", "text", "정상"));
        sendQueuedMail();

        assertThat(sent).isTrue();
        assertThat(POSTED).isEmpty();
        assertThat(TestMail.received()).extracting(Received::subject).containsExactly("[보고] 주간 점검");
    }

    @Test
    void hostileValuesArriveAtTheWebhookAsTheyWereSent() {
        notifier.sendWithoutIncident(Audience.users(), "report",
                Map.of("title", HostileValues.LINES, "text", HostileValues.LINES + "\"}, \"x\": \"y"));

        assertThat(POSTED).singleElement().satisfies(posted -> {
            assertThat(posted.get("text").asText()).doesNotContain("\r", "\n").contains(HostileValues.TEXT);
            assertThat(posted.get("body").asText()).contains(HostileValues.LINES + "\"}, \"x\": \"y");
            assertThat(posted.has("x")).isFalse();
        });
    }

    private void sendQueuedMail() {
        for (Job job : management.createJobQuery().processDefinitionKey(Notifier.MAIL_PROCESS).list()) {
            management.executeJob(job.getId());
        }
    }

    private static HttpServer webhook() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/hooks/recovery", exchange -> {
                try (InputStream body = exchange.getRequestBody()) {
                    POSTED.add(new ObjectMapper().readTree(body));
                }
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The second channel, registered as any channel would be: a bean. */
    @TestConfiguration
    static class WebhookChannelConfiguration {

        @Bean
        Channel webhookChannel() {
            return new LoopbackWebhookChannel(URI.create("http://127.0.0.1:" + WEBHOOK.getAddress().getPort()
                    + "/hooks/recovery"));
        }
    }

    /**
     * Posts each notification as JSON, as an incoming webhook expects. It posts at once, which a test may do; a
     * production channel queues its post as durable, retried work, as mail does, so that nothing is lost.
     */
    static final class LoopbackWebhookChannel implements Channel {

        private final URI url;
        private final HttpClient http = HttpClient.newHttpClient();
        private final ObjectMapper json = new ObjectMapper();

        LoopbackWebhookChannel(URI url) {
            this.url = url;
        }

        @Override
        public String name() {
            return "webhook";
        }

        @Override
        public Optional<String> deliver(Notification notification, Recipients recipients) {
            ObjectNode message = json.createObjectNode()
                    .put("template", notification.template())
                    .put("text", notification.subject())
                    .put("body", notification.body())
                    .put("users", recipients.users());
            notification.incidentId().ifPresent(id -> message.put("incidentId", id));
            message.putArray("groups").addAll(recipients.groups().stream().map(json::valueToTree)
                    .map(JsonNode.class::cast).toList());
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(url)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(message))).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() != 200) {
                    throw new IllegalStateException("webhook answered " + response.statusCode());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            return Optional.of("loopback webhook");
        }
    }
}
