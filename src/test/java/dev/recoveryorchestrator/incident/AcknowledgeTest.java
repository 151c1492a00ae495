package dev.recoveryorchestrator.incident;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recoveryorchestrator.EngineTestSupport;
import dev.recoveryorchestrator.HostileValues;
import dev.recoveryorchestrator.TestHttp;
import dev.recoveryorchestrator.TestMail;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Acknowledging over real HTTP and in Tasklist: the API, the signed single-use mail link (a GET only shows the
 * confirmation page; its POST acknowledges), claiming a tier's task. Recorded once with who and how, on the timeline;
 * the tier is told by mail; the escalation goes on. Hostile ids and tokens change nothing.
 */
class AcknowledgeTest extends EngineTestSupport {

    @Autowired
    AcknowledgeLinks links;
    private final HttpClient http = HttpClient.newHttpClient();
    private Incident incident;

    /** An incident the runbook cannot fix (the stand-in stays broken), with the DevOps tier joined. */
    @BeforeEach
    void openIncidentThatStaysOpen() throws IOException {
        breakStandin();
        incident = open(FailureType.BACKEND_API_DOWN);
        runDueJobs();
        assertThat(incidents.find(incident.id()).orElseThrow().state()).isEqualTo(IncidentState.OPEN);
        TestMail.purge();
    }

    @Test
    void theApiAcknowledgesOnceAndTheTierIsTold() {
        TestHttp.Response first = TestHttp.on(port).as("devops1", "demo").post(path(incident.id()), "");
        TestHttp.Response second = TestHttp.on(port).as("admin", "admin").post(path(incident.id()), "");

        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.json().get("first").asBoolean()).isTrue();
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.json().get("first").asBoolean()).isFalse();
        assertThat(second.json().get("acknowledgedBy").asText()).isEqualTo("devops1");
        assertThat(incidents.timeline(incident.id())).filteredOn(e -> e.step().equals(IncidentService.ACKNOWLEDGED))
                .singleElement().satisfies(e -> assertThat(e.detail()).contains("devops1", "API"));
        runDueJobs();
        assertThat(TestMail.received()).filteredOn(mail -> mail.subject().startsWith("[확인됨]")).singleElement()
                .satisfies(mail -> assertThat(mail.to()).contains("devops@routing-ml.test"));
        assertThat(management.createJobQuery().processInstanceId(incident.processInstanceId()).timers().count())
                .as("the time-based escalation goes on").isPositive();
    }

    @Test
    void theApiRefusesUnknownAndHostileIdsAndNonResponders() {
        String unknown = "00000000-0000-4000-8000-000000000000";
        assertThat(TestHttp.on(port).as("devops1", "demo").post(path(unknown), "").status()).isEqualTo(404);
        assertThat(TestHttp.on(port).as("prometheus", "demo").post(path(incident.id()), "").status()).isEqualTo(403);
        for (String hostile : List.of("${x}", "#{x}", "$(id)", "; id", "a\r\nb", "a\u0000b", incident.id() + "x",
                incident.id().toUpperCase())) {
            TestHttp.Response response = TestHttp.on(port).as("devops1", "demo")
                    .post(path(URLEncoder.encode(hostile, StandardCharsets.UTF_8).replace("+", "%20")), "");
            assertThat(response.status()).as(hostile).isBetween(400, 404);
        }
        assertThat(incidents.acknowledgement(incident.id())).isEmpty();
    }

    @Test
    void theMailLinkShowsAPageOnGetAndAcknowledgesOnceOnPost() throws Exception {
        String token = links.token(incident.id()).orElseThrow();

        HttpResponse<String> page = send("GET", token, null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<form method=\"post\"", "Type 1");
        assertThat(incidents.acknowledgement(incident.id())).as("a GET changes nothing").isEmpty();

        HttpResponse<String> done = send("POST", token, null);
        HttpResponse<String> again = send("POST", token, null);

        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
        assertThat(incidents.acknowledgement(incident.id())).hasValueSatisfying(a -> {
            assertThat(a.by()).isEqualTo("devops1");
            assertThat(a.via()).isEqualTo(Acknowledgement.MAIL);
        });
        assertThat(again.statusCode()).as("single use").isEqualTo(409);
    }

    @Test
    void theEscalationMailCarriesAWorkingLink() {
        TestHttp.Response none = TestHttp.on(port).as("devops1", "demo").get("/api/incidents/" + incident.id());
        assertThat(none.status()).isEqualTo(200);
        // the mail of the DevOps tier was sent before the purge: open a fresh incident of another type to see one
        Incident other = open(FailureType.MODEL_CORRUPTION);
        runDueJobs();
        TestMail.Received escalation = TestMail.received().stream()
                .filter(mail -> mail.subject().startsWith("[에스컬레이션: DevOps") && mail.body().contains(other.id()))
                .findFirst().orElseThrow();
        String line = escalation.body().lines().filter(l -> l.contains(AcknowledgeLinks.PATH + "?token=")).findFirst()
                .orElseThrow();
        String token = line.substring(line.indexOf("?token=") + 7).strip();

        assertThat(links.verify(token).incidentId()).isEqualTo(other.id());
    }

    @Test
    void aForgedExpiredOrForeignPostAcknowledgesNothing() throws Exception {
        String token = links.token(incident.id()).orElseThrow();
        // The signature's first character: all six of its bits count. The last one's low bits may be padding that a
        // decoder ignores, so changing it left the token valid for about one token in four (CI: 200 instead of 400).
        int at = token.indexOf('.') + 1;
        char first = token.charAt(at);
        String tampered = token.substring(0, at) + (first == 'A' ? 'B' : 'A') + token.substring(at + 1);
        String otherIncident = Base64.getUrlEncoder().withoutPadding().encodeToString(
                ("00000000-0000-4000-8000-000000000000." + Long.MAX_VALUE / 1000 + ".00112233445566778899aabbccddeeff")
                        .getBytes(StandardCharsets.US_ASCII)) + token.substring(token.indexOf('.'));

        assertThat(send("POST", tampered, null).statusCode()).isEqualTo(400);
        // The same signature bytes spelled otherwise: the signature's last character (43 for 32 bytes) carries two
        // unused bits; with one of them set the decoder returns the same bytes.
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        char last = token.charAt(token.length() - 1);
        String respelled = token.substring(0, token.length() - 1) + alphabet.charAt(alphabet.indexOf(last) ^ 1);
        assertThat(Base64.getUrlDecoder().decode(respelled.substring(at)))
                .isEqualTo(Base64.getUrlDecoder().decode(token.substring(at)));
        assertThat(send("POST", respelled, null).statusCode()).as("another spelling of the token").isEqualTo(400);
        assertThat(send("POST", otherIncident, null).statusCode()).as("a signature of another payload").isEqualTo(400);
        assertThat(send("POST", token, "http://evil.example").statusCode()).isEqualTo(403);
        advance(Duration.ofHours(13));
        assertThat(send("POST", token, null).statusCode()).as("expired").isEqualTo(400);
        assertThat(incidents.acknowledgement(incident.id())).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"${x}", "#{x}", "$(id)", "; id", "../..", "a\r\nb", "a\u0000b",
            "<script>alert(1)</script>", HostileValues.TEXT})
    void hostileTokensGetAPageThatShowsThemNowhere(String hostile) throws Exception {
        HttpResponse<String> page = send("GET", hostile, null);
        HttpResponse<String> post = send("POST", hostile, null);

        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(post.statusCode()).isEqualTo(400);
        assertThat(page.body()).doesNotContain("<script>alert").doesNotContain("${x}");
        assertThat(incidents.acknowledgement(incident.id())).isEmpty();
    }

    @Test
    void aHundredKilobyteTokenIsRefused() throws Exception {
        assertThat(send("POST", "x".repeat(100_000), null).statusCode()).isBetween(400, 413);
        assertThat(incidents.acknowledgement(incident.id())).isEmpty();
    }

    @Test
    void claimingTheTiersTaskInTasklistAcknowledges() {
        Task devops = tasks.createTaskQuery().processInstanceBusinessKey(incident.id())
                .taskDefinitionKey("UserTask_TierResponse").taskCandidateGroup("devops").singleResult();

        tasks.claim(devops.getId(), "devops1");

        assertThat(incidents.acknowledgement(incident.id())).hasValueSatisfying(a -> {
            assertThat(a.by()).isEqualTo("devops1");
            assertThat(a.via()).isEqualTo(Acknowledgement.TASKLIST);
        });
    }

    private static String path(String id) {
        return "/api/incidents/" + id + "/acknowledge";
    }

    /** The confirmation page (GET) or its button (a form POST), logged in as devops1. */
    private HttpResponse<String> send(String method, String token, String origin) throws Exception {
        String auth = "Basic " + Base64.getEncoder().encodeToString("devops1:demo".getBytes(StandardCharsets.UTF_8));
        String encoded = URLEncoder.encode(token, StandardCharsets.UTF_8);
        HttpRequest.Builder request = HttpRequest.newBuilder().header("Authorization", auth);
        if (method.equals("GET")) {
            request.uri(URI.create("http://127.0.0.1:" + port + AcknowledgeLinks.PATH + "?token=" + encoded)).GET();
        } else {
            request.uri(URI.create("http://127.0.0.1:" + port + AcknowledgeLinks.PATH))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("token=" + encoded));
        }
        if (origin != null) {
            request.header("Origin", origin);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
