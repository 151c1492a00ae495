package dev.recoveryorchestrator.intake;

import static dev.recoveryorchestrator.intake.Alerts.alertmanager;
import static dev.recoveryorchestrator.intake.Alerts.firing;
import static dev.recoveryorchestrator.intake.Alerts.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import dev.recoveryorchestrator.RecoveryOrchestratorApplication;
import dev.recoveryorchestrator.TestEnvironment;
import dev.recoveryorchestrator.TestHttp;
import dev.recoveryorchestrator.TestMail;
import dev.recoveryorchestrator.TestPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The webhooks of a production start (profiles {@code postgres,docker}, as docker-compose runs it) on a PostgreSQL
 * database of its own, created for this class on the test server and dropped afterwards: the bearer token is required
 * and nothing else is, Grafana's HMAC signature with its age, 100 concurrent identical notifications opening one
 * incident (the database's unique key decides), and last, the database refusing connections → 503, then accepted again once it is back.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AlertIntakeOnPostgresIT {

    @RegisterExtension
    static final TestPostgres postgres = new TestPostgres();

    private static final String TOKEN = "intake-it-" + UUID.randomUUID();
    private static final String GRAFANA_SECRET = "grafana-it-" + UUID.randomUUID();
    private static final String AM = "/api/alerts/alertmanager";
    private static final Map<String, String> BACKEND_DOWN = Map.of("alertname", "BackendDown", "severity", "critical");
    private static final Path WORK = TestEnvironment.tempFolder("intake-it");
    private static String database;
    private static ConfigurableApplicationContext app;
    private static int port;
    private static JdbcTemplate jdbc;
    private final HttpClient client = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws SQLException {
        database = "intake_it_" + HexFormat.of().formatHex(UUID.randomUUID().toString().getBytes(), 0, 6);
        admin("create database " + database);
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("server.port", "0");
        properties.put("server.address", "127.0.0.1");
        properties.put("spring.datasource.url", url(database));
        properties.put("spring.datasource.username", postgres.username());
        properties.put("spring.datasource.password", postgres.password());
        properties.put("spring.datasource.hikari.connection-timeout", "2000");
        properties.put("spring.mail.host", "127.0.0.1");
        properties.put("spring.mail.port", String.valueOf(TestMail.port()));
        properties.put("camunda.bpm.process-engine-name", "intake-it");
        properties.put("camunda.bpm.admin-user.password", "intake-it-admin-" + UUID.randomUUID());
        properties.put("camunda.bpm.job-execution.enabled", "false");
        properties.put("recovery.intake.token", TOKEN);
        properties.put("recovery.intake.grafana.hmac-secret", GRAFANA_SECRET);
        properties.put("recovery.monitor.enabled", "false");
        // a production start refuses a rollback with no commit (config/CommandArgumentsGuard)
        properties.put("recovery.target.stable-commit", "0123456789abcdef0123456789abcdef01234567");
        properties.put("recovery.target.health-url", "http://127.0.0.1:" + TestEnvironment.freePort() + "/api/health");
        properties.put("recovery.target.log-file", WORK.resolve("backend.log").toString());
        properties.put("recovery.standin.dir", WORK.resolve("standin").toString());
        properties.put("recovery.lifecycle.snapshot-dir", WORK.resolve("snapshots").toString());
        properties.put("spring.main.banner-mode", "off");
        app = new SpringApplicationBuilder(RecoveryOrchestratorApplication.class)
                .main(RecoveryOrchestratorApplication.class).profiles("postgres", "docker")
                .run(properties.entrySet().stream().map(p -> "--" + p.getKey() + "=" + p.getValue()).toArray(String[]::new));
        port = Integer.parseInt(app.getEnvironment().getRequiredProperty("local.server.port"));
        jdbc = app.getBean(JdbcTemplate.class);
    }

    @AfterAll
    static void stop() throws SQLException {
        if (app != null) {
            app.close();
        }
        if (database != null) {
            admin("alter database " + database + " allow_connections true");
            admin("select pg_terminate_backend(pid) from pg_stat_activity where datname = '" + database + "'");
            admin("drop database if exists " + database);
        }
    }

    @Test
    @Order(1)
    void theWebhooksTakeTheBearerTokenAndNothingElse() throws Exception {
        String body = fixture(Alerts.AM_RESOLVED);
        assertThat(post(AM, body, Map.of()).statusCode()).as("no token").isEqualTo(401);
        assertThat(post(AM, body, Map.of("Authorization", "Bearer " + TOKEN + "x")).statusCode()).as("wrong").isEqualTo(401);
        assertThat(post(AM, body, Map.of("Authorization", "Bearer " + TOKEN.substring(1))).statusCode()).isEqualTo(401);
        assertThat(post(AM, body, Map.of("Authorization", "Basic YWRtaW46YWRtaW4="))).extracting(HttpResponse::statusCode)
                .as("Basic is not what the webhooks take").isEqualTo(401);
        assertThat(count("ro_alert")).as("nothing stored from a refused notification").isZero();

        assertThat(post(AM, body, bearer()).statusCode()).isEqualTo(200);
        assertThat(count("ro_alert")).isOne();
        assertThat(post("/api/incidents", "{}", bearer()).statusCode()).as("only the webhooks take the token").isEqualTo(401);
        assertThat(TestHttp.on(port).get("/api/alerts/unmatched").status()).isEqualTo(401);
    }

    @Test
    @Order(2)
    void grafanasSignatureIsCheckedWithItsAgeWhenASecretIsConfigured() throws Exception {
        byte[] body = fixture(Alerts.GRAFANA_TEST).getBytes(StandardCharsets.UTF_8);
        String now = String.valueOf(Instant.now().getEpochSecond());
        String old = String.valueOf(Instant.now().minusSeconds(3600).getEpochSecond());
        long before = count("ro_alert");

        assertThat(post("/api/alerts/grafana", body, bearer()).statusCode()).as("unsigned").isEqualTo(401);
        assertThat(post("/api/alerts/grafana", body, signed(now, sign("other-secret", now, body))).statusCode())
                .as("wrong secret").isEqualTo(401);
        assertThat(post("/api/alerts/grafana", body, signed(old, sign(GRAFANA_SECRET, old, body))).statusCode())
                .as("replayed an hour later").isEqualTo(401);
        assertThat(post("/api/alerts/grafana", body, signed(now, sign(GRAFANA_SECRET, now, body))).statusCode())
                .isEqualTo(200);
        assertThat(count("ro_alert")).isEqualTo(before + 1);
    }

    @Test
    @Order(3)
    void oneHundredConcurrentIdenticalNotificationsOpenOneIncident() throws Exception {
        String body = alertmanager(firing("pg-" + UUID.randomUUID(), BACKEND_DOWN, Instant.now().minusSeconds(60)));
        ExecutorService pool = Executors.newFixedThreadPool(25);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<HttpResponse<String>>> sent = new ArrayList<>();
        try {
            for (int i = 0; i < 100; i++) {
                sent.add(pool.submit(() -> {
                    go.await();
                    return post(AM, body, bearer());
                }));
            }
            go.countDown();
            for (Future<HttpResponse<String>> response : sent) {
                assertThat(response.get(120, TimeUnit.SECONDS).statusCode()).as(response.get().body()).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(jdbc.queryForObject("select count(*) from ro_incident where state = 'OPEN'", Integer.class)).isOne();
        assertThat(jdbc.queryForObject("select count(*) from ro_alert where outcome = 'OPENED'", Integer.class)).isOne();
        assertThat(jdbc.queryForObject("select count(*) from ro_alert where outcome = 'DEDUPLICATED'", Integer.class))
                .isEqualTo(99);
    }

    @Test
    @Order(4)
    void whileTheDatabaseRefusesConnectionsTheAnswerIs503AndTheNotificationIsTakenOnceItIsBack() throws Exception {
        String body = alertmanager(firing("pg-down-" + UUID.randomUUID(),
                Map.of("alertname", "BackendDown", "failure_type", "4"), Instant.now()));
        admin("alter database " + database + " allow_connections false");
        admin("select pg_terminate_backend(pid) from pg_stat_activity where datname = '" + database + "'");
        try {
            HttpResponse<String> refused = post(AM, body, bearer());
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        } finally {
            admin("alter database " + database + " allow_connections true");
        }
        // As Alertmanager does after a 5xx: send again until it is taken (the pool drops its dead connections meanwhile).
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60))
                .pollInterval(java.time.Duration.ofMillis(500))
                .until(() -> post(AM, body, bearer()).statusCode(), status -> status == 200);
        assertThat(jdbc.queryForObject("select count(*) from ro_alert where fingerprint like 'pg-down-%'", Integer.class))
                .as("stored once, when it could be").isOne();
    }

    private HttpResponse<String> post(String path, String body, Map<String, String> headers) throws Exception {
        return post(path, body.getBytes(StandardCharsets.UTF_8), headers);
    }

    private HttpResponse<String> post(String path, byte[] body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, String> bearer() {
        return Map.of("Authorization", "Bearer " + TOKEN);
    }

    private static Map<String, String> signed(String timestamp, String signature) {
        return Map.of("Authorization", "Bearer " + TOKEN, "X-Grafana-Alerting-Signature", signature,
                "X-Grafana-Alerting-Timestamp", timestamp);
    }

    private static String sign(String secret, String timestamp, byte[] body) {
        return HexFormat.of().formatHex(GrafanaSignature.hmac(secret, timestamp, body));
    }

    private static long count(String table) {
        return jdbc.queryForObject("select count(*) from " + table, Long.class);
    }

    /** The test server's URL for {@code name}, a database this class created. */
    private static String url(String name) {
        String base = postgres.jdbcUrl().replaceAll("[?&]currentSchema=[^&]*", "");
        return base.replaceFirst("(jdbc:postgresql://[^/]+/)[^?]*", "$1" + name);
    }

    private static void admin(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url("postgres"), postgres.username(), postgres.password());
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
