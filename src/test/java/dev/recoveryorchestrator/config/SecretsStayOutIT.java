package dev.recoveryorchestrator.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import dev.recoveryorchestrator.PromptGreenMail;
import dev.recoveryorchestrator.RecoveryOrchestratorApplication;
import dev.recoveryorchestrator.TestEnvironment;
import dev.recoveryorchestrator.TestHttp;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The secrets stay out of everything a whole demo incident produces. The application runs as an operator runs it, an
 * OS process whose environment holds a known value for every secret the configuration has: the admin's and the demo
 * users' passwords, the database password, the SMTP password (GreenMail here checks it), the alert intake token,
 * Grafana's HMAC secret and a Slack webhook URL (a loopback server here). The stand-in is killed as {@code kill -9}
 * would; the monitor opens the incident, the runbook restarts the stand-in, the incident recovers, the report is
 * written and the mails go out; an alert is posted with the token. Then every place the run wrote is read — the
 * process's log output, every file it wrote that is not the database, the history variables, the incident and its
 * timeline, the metrics, the mails as sent, what the webhook received, and the restarted stand-in's
 * {@code /proc/<pid>/environ} — and none may hold a secret's value. Nothing but 127.0.0.0/8 is contacted.
 */
class SecretsStayOutIT {

    static final Map<String, String> SECRETS = Map.of(
            "RECOVERY_ADMIN_PASSWORD", "adminSecret-7f3a9c",
            "RECOVERY_DEMO_PASSWORD", "demoSecret-51be07",
            "SPRING_DATASOURCE_PASSWORD", "dbSecret-c08d4e",
            "SPRING_MAIL_PASSWORD", "mailSecret-9a62f1",
            "RECOVERY_INTAKE_TOKEN", "intakeSecret-3d7e20",
            "RECOVERY_INTAKE_GRAFANA_SECRET", "grafanaSecret-e41c88",
            "RECOVERY_NOTIFY_WEBHOOKS_SLACK_USERS", "slackSecret-6b0f93");

    static final Path WORK = TestEnvironment.tempFolder("secrets-stay-out");
    static final int PORT = TestEnvironment.freePort();
    static final int STANDIN_PORT = TestEnvironment.freePort();
    static final List<String> POSTED = new CopyOnWriteArrayList<>();
    static GreenMail mail;
    static HttpServer slack;
    static Process application;
    static Path output;

    @BeforeAll
    static void start() throws IOException {
        mail = new PromptGreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        mail.start();
        mail.setUser("recovery@routing-ml.test", "recovery", SECRETS.get("SPRING_MAIL_PASSWORD"));
        slack = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        slack.createContext("/", exchange -> {
            POSTED.add(exchange.getRequestURI() + " " + new String(exchange.getRequestBody().readAllBytes(),
                    StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        slack.start();

        Map<String, String> environment = new LinkedHashMap<>(SECRETS);
        environment.put("RECOVERY_NOTIFY_WEBHOOKS_SLACK_USERS", "http://127.0.0.1:" + slack.getAddress().getPort()
                + "/services/T0/B0/" + SECRETS.get("RECOVERY_NOTIFY_WEBHOOKS_SLACK_USERS"));
        environment.put("PATH", "/usr/bin:/bin");
        environment.put("SPRING_MAIL_HOST", "127.0.0.1");
        environment.put("SPRING_MAIL_PORT", String.valueOf(mail.getSmtp().getPort()));
        environment.put("SPRING_MAIL_USERNAME", "recovery");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:TieredStopAtLevel=1", "-cp", classPath(), RecoveryOrchestratorApplication.class.getName(),
                "--server.port=" + PORT, "--recovery.standin.port=" + STANDIN_PORT,
                "--spring.mail.properties.mail.smtp.auth=true",
                "--recovery.notify.channels=mail,slack",
                "--recovery.notify.users=users@routing-ml.test",
                "--recovery.monitor.interval=PT0.2S", "--recovery.monitor.timeout=PT1S");
        output = WORK.resolve("application.log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(WORK.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        application = builder.start();
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (application != null) {
            application.descendants().forEach(ProcessHandle::destroyForcibly);
            application.destroyForcibly().waitFor();
        }
        standin().forEach(ProcessHandle::destroyForcibly);
        if (slack != null) {
            slack.stop(0);
        }
        if (mail != null) {
            mail.stop();
        }
    }

    @Test
    void noSecretReachesTheLogTheHistoryTheTimelineTheReportTheMailsTheMetricsOrTheStandin() throws Exception {
        TestHttp admin = TestHttp.on(PORT).as("admin", SECRETS.get("RECOVERY_ADMIN_PASSWORD"));
        await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                .until(() -> admin.get("/api/incidents").status() == 200 && standin().findAny().isPresent());
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                .until(() -> TestHttp.on(STANDIN_PORT).get("/api/health").status() == 200);

        long killed = standin().findFirst().orElseThrow().pid();
        standin().forEach(ProcessHandle::destroyForcibly);
        JsonNode incident = await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
                .until(() -> admin.get("/api/incidents").json(), list -> list.size() == 1
                        && "RECOVERED".equals(list.get(0).get("state").asText())).get(0);
        String id = incident.get("id").asText();
        HttpResponse<String> alert = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        "http://127.0.0.1:" + PORT + "/api/alerts/alertmanager"))
                .header("Authorization", "Bearer " + SECRETS.get("RECOVERY_INTAKE_TOKEN"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"version\":\"4\",\"status\":\"firing\",\"alerts\":[{"
                        + "\"status\":\"firing\",\"labels\":{\"alertname\":\"SecretsProbe\"},\"fingerprint\":\"probe1\"}]}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(alert.statusCode()).as(alert.body()).isEqualTo(200);
        await().atMost(Duration.ofMinutes(2)).until(() -> Arrays.stream(mail.getReceivedMessages())
                .anyMatch(message -> GreenMailUtil.getWholeMessage(message).contains("복구 완료")
                        || subject(message).startsWith("[복구 완료]")));
        await().atMost(Duration.ofMinutes(1)).until(() -> Files.list(WORK.resolve("data/incident_reports")).findAny()
                .isPresent());

        ProcessHandle restarted = standin().findFirst().orElseThrow();
        assertThat(restarted.pid()).as("the runbook restarted the stand-in").isNotEqualTo(killed);
        Map<String, String> produced = new LinkedHashMap<>();
        String environ = Files.readString(Path.of("/proc/" + restarted.pid() + "/environ"), StandardCharsets.ISO_8859_1);
        produced.put("the stand-in's /proc/<pid>/environ", environ);
        produced.put("the application's log output", Files.readString(output, StandardCharsets.UTF_8));
        produced.put("the incident and its timeline", admin.get("/api/incidents/" + id).body());
        produced.put("the history variables", admin.get("/engine-rest/history/variable-instance?maxResults=100000").body());
        produced.put("the history details", admin.get("/engine-rest/history/detail?maxResults=100000").body());
        produced.put("the metrics", admin.get("/actuator/prometheus").body());
        produced.put("the unmatched alerts", admin.get("/api/alerts/unmatched").body());
        StringBuilder mails = new StringBuilder();
        Arrays.stream(mail.getReceivedMessages()).forEach(message -> mails.append(GreenMailUtil.getWholeMessage(message)));
        produced.put("the mails as sent", mails.toString());
        produced.put("what the Slack webhook received (past the URL's path)", String.join("\n", POSTED.stream()
                .map(posted -> posted.substring(posted.indexOf(' ') + 1)).toList()));
        for (Path file : writtenFiles()) {
            produced.put(WORK.relativize(file).toString(), new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
        }

        assertThat(environ).as("the stand-in's environment is the explicit one").contains("CLASSPATH=")
                .doesNotContain("SPRING_", "RECOVERY_");
        assertThat(produced.get("the history variables")).contains("\"incidentId\"");
        assertThat(produced.get("the incident and its timeline")).contains("복구 완료");
        assertThat(produced.keySet()).anyMatch(name -> name.startsWith("data/incident_reports/"));
        assertThat(mails).as("mails were sent").isNotEmpty();
        assertThat(POSTED).as("the Slack webhook was used").isNotEmpty();
        for (var place : produced.entrySet()) {
            for (var secret : SECRETS.entrySet()) {
                assertThat(place.getValue()).as(secret.getKey() + " in " + place.getKey()).doesNotContain(secret.getValue());
            }
        }
    }

    /** Every file the application wrote under its working folder, except its database (it keeps the secrets' hashes). */
    private static List<Path> writtenFiles() throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(WORK)) {
            walk.filter(Files::isRegularFile)
                    .filter(file -> !file.getFileName().toString().endsWith(".mv.db"))
                    .filter(file -> !file.getFileName().toString().endsWith(".accdb"))
                    .filter(file -> !file.equals(output))
                    .forEach(files::add);
        }
        return files;
    }

    private static String subject(jakarta.mail.internet.MimeMessage message) {
        try {
            return message.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The stand-in of this test's application (its own port), as {@code ps} lists it. */
    private static Stream<ProcessHandle> standin() {
        return ProcessHandle.allProcesses().filter(process -> process.info().commandLine()
                .map(line -> line.contains("StandinServer") && line.contains("--port " + STANDIN_PORT + " "))
                .orElse(false));
    }

    /** Surefire and failsafe put the test class path in a manifest-only jar; they name the real one in this property. */
    private static String classPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire == null || surefire.isBlank() ? System.getProperty("java.class.path") : surefire;
    }
}
