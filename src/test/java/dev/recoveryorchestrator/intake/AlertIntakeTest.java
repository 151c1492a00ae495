package dev.recoveryorchestrator.intake;

import static dev.recoveryorchestrator.intake.Alerts.alertmanager;
import static dev.recoveryorchestrator.intake.Alerts.firing;
import static dev.recoveryorchestrator.intake.Alerts.fixture;
import static dev.recoveryorchestrator.intake.Alerts.grafana;
import static dev.recoveryorchestrator.intake.Alerts.resolved;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.recoveryorchestrator.EngineTestSupport;
import dev.recoveryorchestrator.HostileValues;
import dev.recoveryorchestrator.TestHttp;
import dev.recoveryorchestrator.TestHttp.Response;
import dev.recoveryorchestrator.config.EngineClock;
import dev.recoveryorchestrator.incident.FailureType;
import dev.recoveryorchestrator.incident.Incident;
import dev.recoveryorchestrator.incident.IncidentRequest;
import dev.recoveryorchestrator.incident.IncidentService;
import dev.recoveryorchestrator.incident.IncidentState;
import dev.recoveryorchestrator.incident.Scope;
import dev.recoveryorchestrator.incident.TimelineEntry;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The two webhooks over real HTTP on loopback, with the shared engine (job executor off): the published payloads,
 * classification, one incident per outage, time from the alert, resolve correlation with the lifecycle's own health
 * check, maintenance windows and every kind of bad input. No token is configured in this context, as in the demo,
 * so loopback clients are answered (the token is tested in {@code AlertIntakeOnPostgresIT}).
 */
class AlertIntakeTest extends EngineTestSupport {

    private static final String AM = "/api/alerts/alertmanager";
    private static final String GRAFANA = "/api/alerts/grafana";
    private static final Map<String, String> BACKEND_DOWN = Map.of("alertname", "BackendDown", "severity", "critical",
            "instance", "routing-ml:8000");

    @Autowired
    MeterRegistry metrics;

    @Autowired
    AlertStore alertStore;

    TestHttp sender;
    TestHttp admin;

    @BeforeEach
    void clients() {
        sender = TestHttp.on(port);
        admin = TestHttp.on(port).as("admin", "admin");
    }

    @AfterEach
    void forgetAlertsAndWindows() {
        jdbc.update("delete from ro_alert");
        jdbc.update("delete from ro_maintenance_event");
        jdbc.update("delete from ro_maintenance");
    }

    @Test
    void everyPublishedPayloadIsAcceptedAndTheInstanceDownGroupOpensOneIncidentDatedAtArrivalAsItsStartIsYearsOld() {
        Instant arrival = EngineClock.now();
        for (String[] posted : new String[][] {{AM, Alerts.AM_FIRING}, {AM, Alerts.AM_RESOLVED},
                {GRAFANA, Alerts.GRAFANA_FIRING}, {GRAFANA, Alerts.GRAFANA_TEST}}) {
            Response response = sender.post(posted[0], fixture(posted[1]));
            assertThat(response.status()).as(posted[1] + ": " + response.body()).isEqualTo(200);
        }

        List<Incident> open = incidents.list(Optional.of(IncidentState.OPEN));
        assertThat(open).singleElement().satisfies(incident -> {
            assertThat(incident.type()).isEqualTo(FailureType.BACKEND_API_DOWN);
            assertThat(incident.scope()).as("severity critical").isEqualTo("whole");
            assertThat(incident.openedAt()).as("the fixture's startsAt (2023) is far older than max-starts-at-age: arrival")
                    .isBetween(arrival, EngineClock.now());
            assertThat(incidents.timeline(incident.id())).extracting(TimelineEntry::detail)
                    .anySatisfy(detail -> assertThat(detail).contains("2023-06-12T08:24:38.326Z"));
            assertThat(incident.source()).isEqualTo("alert:alertmanager");
            assertThat(incident.summary()).isEqualTo("InstanceDown: Instance localhost:8081 down");
        });
        assertThat(outcomes()).containsExactlyInAnyOrder("OPENED", "DEDUPLICATED", "RESOLVED_IGNORED", "UNMATCHED",
                "UNMATCHED", "UNMATCHED");
        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(IncidentService.LIFECYCLE_PROCESS).count())
                .isOne();

        Response unmatched = admin.get("/api/alerts/unmatched");
        assertThat(unmatched.status()).isEqualTo(200);
        assertThat(unmatched.json().findParents("fingerprint")).extracting(alert -> alert.get("alertname").asText())
                .containsExactlyInAnyOrder("High memory usage", "High CPU usage", "TestAlert");
        assertThat(TestHttp.on(port).get("/api/alerts/unmatched").status()).as("unmatched alerts need Basic").isEqualTo(401);
        assertThat(metrics.counter("recovery.alerts.unmatched", "source", "grafana").count()).isGreaterThanOrEqualTo(3);
        assertThat(metrics.counter("recovery.alerts.deduplicated", "source", "alertmanager", "type", "backend-api-down")
                .count()).isPositive();
    }

    @Test
    void aGroupedNotificationWithTwoTypesOpensOneIncidentOfEachWithItsRunbook() {
        Response response = sender.post(AM, alertmanager(
                firing(fp(), BACKEND_DOWN, Instant.now().minusSeconds(90)),
                firing(fp(), Map.of("alertname", "PredictorExited", "failure_type", "container-failure",
                        "severity", "warning"), Instant.now().minusSeconds(60))));

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().findValuesAsText("outcome")).containsExactly("OPENED", "OPENED");
        List<Incident> open = incidents.list(Optional.of(IncidentState.OPEN));
        assertThat(open).extracting(Incident::type)
                .containsExactlyInAnyOrder(FailureType.BACKEND_API_DOWN, FailureType.CONTAINER_FAILURE);
        assertThat(open).filteredOn(i -> i.type() == FailureType.CONTAINER_FAILURE).singleElement()
                .extracting(Incident::scope).isEqualTo("partial");
        for (Incident incident : open) {
            assertThat(runtime.getVariable(incident.processInstanceId(), "runbookKey"))
                    .isEqualTo(incident.type().runbookProcessKey());
        }
    }

    @Test
    void theSameAlertAgainAddsToTheOpenIncidentsTimelineWithItsCount() {
        String fingerprint = fp();
        String body = alertmanager(firing(fingerprint, BACKEND_DOWN, Instant.now().minusSeconds(120)));

        String first = sender.post(AM, body).json().at("/alerts/0/incidentId").asText();
        Response again = sender.post(AM, body);
        Response third = sender.post(GRAFANA, grafana(firing(fingerprint, BACKEND_DOWN, Instant.now().minusSeconds(120))));

        assertThat(again.json().at("/alerts/0/outcome").asText()).isEqualTo("DEDUPLICATED");
        assertThat(third.json().at("/alerts/0/incidentId").asText()).as("through the other webhook").isEqualTo(first);
        assertThat(incidents.list(Optional.of(IncidentState.OPEN))).hasSize(1);
        assertThat(incidents.timeline(first)).as("one entry for the alert, with its count")
                .filteredOn(e -> e.detail().contains(fingerprint)).singleElement().satisfies(entry -> {
                    assertThat(entry.step()).isEqualTo("알림 수신");
                    assertThat(entry.repeats()).isEqualTo(3);
                    assertThat(entry.detail()).contains("같은 경보 ×3, 마지막 ");
                });
    }

    @Test
    void anAlertAndTheMonitorSeeingTheSameOutageAreOneIncident() {
        Incident byMonitor = incidents.open(new IncidentRequest(FailureType.BACKEND_API_DOWN, Scope.WHOLE,
                "/api/health 응답 없음", "health-monitor", null, Instant.now().minusSeconds(30), true)).incident();

        Response response = sender.post(AM, alertmanager(firing(fp(), BACKEND_DOWN, Instant.now().minusSeconds(60))));

        assertThat(response.json().at("/alerts/0/outcome").asText()).isEqualTo("DEDUPLICATED");
        assertThat(response.json().at("/alerts/0/incidentId").asText()).isEqualTo(byMonitor.id());
        assertThat(incidents.timeline(byMonitor.id())).extracting(TimelineEntry::step).contains("알림 추가");
    }

    @Test
    void aStartsAtOfTheYear2000IsDatedAtArrivalWithTheDifferenceOnTheTimelineAndPagesOnlyTheFirstTier() {
        Instant arrival = EngineClock.now();
        Response response = sender.post(AM, alertmanager(firing(fp(), BACKEND_DOWN, Instant.parse("2000-01-01T00:00:00Z"))));
        Incident incident = incidents.find(response.json().at("/alerts/0/incidentId").asText()).orElseThrow();
        runDueJobs();

        Incident after = incidents.find(incident.id()).orElseThrow();
        assertThat(after.openedAt()).isBetween(arrival, EngineClock.now());
        assertThat(after.rtoDeadline()).isEqualTo(after.openedAt().plus(Duration.ofHours(4)));
        assertThat(after.tier()).as("the first tier only, not all four at once").isIn(null, "devops");
        assertThat(after.critical()).isFalse();
        assertThat(incidents.timeline(incident.id())).extracting(TimelineEntry::step)
                .contains("알림 시작 시각 보정").doesNotContain("RTO 목표 초과", "RTO 허용 한계 초과");
        assertThat(incidents.timeline(incident.id())).filteredOn(e -> e.step().equals("알림 시작 시각 보정")).singleElement()
                .extracting(TimelineEntry::detail).asString().contains("2000-01-01T00:00:00Z", "recovery.intake.max-starts-at-age");
    }

    @Test
    void aStartsAtWithinTheAllowedAgeDatesTheIncident() {
        Instant startsAt = EngineClock.now().minusSeconds(240).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        Response response = sender.post(AM, alertmanager(firing(fp(), BACKEND_DOWN, startsAt)));

        Incident incident = incidents.find(response.json().at("/alerts/0/incidentId").asText()).orElseThrow();
        assertThat(incident.openedAt()).isEqualTo(startsAt);
        assertThat(incidents.timeline(incident.id())).extracting(TimelineEntry::step).doesNotContain("알림 시작 시각 보정");
    }

    @Test
    void anAlertStormIsAnsweredAndStoredInFullOpensOneIncidentAndIsOneTimelineEntryWithAnExactCount() throws Exception {
        String fingerprint = fp();
        String body = alertmanager(firing(fingerprint, BACKEND_DOWN, EngineClock.now().minusSeconds(30)));
        ExecutorService pool = Executors.newFixedThreadPool(16);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Response>> sent = new ArrayList<>();
        try {
            for (int i = 0; i < 200; i++) {
                sent.add(pool.submit(() -> {
                    go.await();
                    return TestHttp.on(port).post(AM, body);
                }));
            }
            go.countDown();
            for (Future<Response> future : sent) {
                assertThat(future.get().status()).as(future.get().body()).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(outcomes()).as("every alert stored").hasSize(200).containsOnlyOnce("OPENED");
        Incident incident = incidents.list(Optional.of(IncidentState.OPEN)).get(0);
        assertThat(incidents.list(Optional.of(IncidentState.OPEN))).hasSize(1);
        List<TimelineEntry> timeline = incidents.timeline(incident.id());
        assertThat(timeline).filteredOn(e -> e.detail().contains(fingerprint)).singleElement()
                .satisfies(entry -> assertThat(entry.repeats()).as("every repeat counted once").isEqualTo(200));
        assertThat(timeline).as("the storm does not grow the timeline").hasSizeLessThan(5);
    }

    @Test
    void alertsBeyondTheEntriesBoundShareOneEntryWithACount() {
        List<com.fasterxml.jackson.databind.node.ObjectNode> alerts = new ArrayList<>();
        for (int i = 0; i < 26; i++) {
            alerts.add(firing(fp(), BACKEND_DOWN, EngineClock.now().minusSeconds(30)));
        }

        Response response = sender.post(AM, alertmanager(alerts.toArray(com.fasterxml.jackson.databind.node.ObjectNode[]::new)));
        sender.post(AM, alertmanager(alerts.get(25)));

        assertThat(response.status()).isEqualTo(200);
        assertThat(outcomes()).hasSize(27);
        String incidentId = response.json().at("/alerts/0/incidentId").asText();
        List<TimelineEntry> entries = incidents.timeline(incidentId).stream()
                .filter(e -> e.step().startsWith("알림")).toList();
        assertThat(entries).as("20 alerts with their own entry (max-alert-entries), the others on one").hasSize(21);
        assertThat(entries).filteredOn(e -> e.detail().startsWith("그 밖의 알림")).singleElement()
                .extracting(TimelineEntry::repeats).isEqualTo(7);
    }

    @Test
    void aNotificationWithMoreAlertsThanTheBoundGets413NamingAlertsAndStoresNothing() {
        List<com.fasterxml.jackson.databind.node.ObjectNode> alerts = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            alerts.add(firing(fp(), BACKEND_DOWN, EngineClock.now()));
        }

        Response response = sender.post(AM, alertmanager(alerts.toArray(com.fasterxml.jackson.databind.node.ObjectNode[]::new)));

        assertThat(response.status()).as(response.body()).isEqualTo(413);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("field").asText()).isEqualTo("alerts");
        assertThat(outcomes()).isEmpty();
        assertThat(incidents.list(Optional.of(IncidentState.OPEN))).isEmpty();
    }

    @Test
    void theOldestAlertsBeyondTheKeptBoundAreDeleted() {
        // newer than whatever earlier tests of the shared context left in the table
        Instant later = EngineClock.now().plus(Duration.ofDays(1));
        int before = jdbc.queryForObject("select count(*) from ro_alert", Integer.class);
        for (int i = 0; i < 5; i++) {
            jdbc.update("insert into ro_alert (id, source, received_at, status, fingerprint, outcome, labels, annotations) "
                    + "values (?, 'alertmanager', ?, 'firing', ?, 'UNMATCHED', '{}', '{}')", "kept-" + i,
                    java.sql.Timestamp.from(later.plusSeconds(i)), "f" + i);
        }

        assertThat(alertStore.pruneOldest(3)).isEqualTo(before + 2);

        assertThat(jdbc.queryForList("select id from ro_alert", String.class))
                .containsExactlyInAnyOrder("kept-2", "kept-3", "kept-4");
    }

    @Test
    void anAlertThatStartsInTheFutureIsDatedNow() {
        Response response = sender.post(AM, alertmanager(firing(fp(), BACKEND_DOWN, Instant.now().plusSeconds(3600))));

        Incident incident = incidents.find(response.json().at("/alerts/0/incidentId").asText()).orElseThrow();
        assertThat(incident.openedAt()).isBefore(Instant.now().plusSeconds(5));
        assertThat(incident.rtoDeadline()).isEqualTo(incident.openedAt().plus(Duration.ofHours(4)));
    }

    @Test
    void aResolvedAlertEndsRecoveryOnlyAfterTheLifecyclesOwnHealthCheckPasses() {
        String fingerprint = fp();
        Incident incident = confirmedIncidentFromAlert(fingerprint);

        Response response = sender.post(AM, alertmanager(resolved(fingerprint, BACKEND_DOWN)));
        assertThat(response.json().at("/alerts/0/outcome").asText()).as(response.body()).isEqualTo("RESOLVED");
        assertThat(incidents.find(incident.id()).orElseThrow().state()).as("not on the alert's word").isEqualTo(IncidentState.OPEN);
        runDueJobs();

        Incident after = incidents.find(incident.id()).orElseThrow();
        assertThat(after.state()).isEqualTo(IncidentState.RECOVERED);
        assertThat(incidents.timeline(incident.id())).extracting(TimelineEntry::step)
                .containsSubsequence("알림 해결", "알림 해결 후 헬스 체크", "작업 종료", "복구 완료");
        assertThat(openResponseTasks(incident.id())).as("the response's tasks closed (the review's stay)").isZero();
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(incident.id()).list()).as("only the review")
                .allMatch(instance -> instance.getProcessDefinitionId().startsWith("incident-review:"));
    }

    @Test
    void aResolvedAlertWhileTheServiceStillFailsLeavesTheIncidentOpen() throws Exception {
        String fingerprint = fp();
        Incident incident = confirmedIncidentFromAlert(fingerprint);
        breakStandin();

        sender.post(AM, alertmanager(resolved(fingerprint, BACKEND_DOWN)));
        runDueJobs();

        assertThat(incidents.find(incident.id()).orElseThrow().state()).isEqualTo(IncidentState.OPEN);
        assertThat(incidents.timeline(incident.id())).filteredOn(e -> e.step().equals("알림 해결 후 헬스 체크"))
                .singleElement().extracting(TimelineEntry::detail).asString().startsWith("실패");
        assertThat(tasks.createTaskQuery().processInstanceBusinessKey(incident.id()).count()).as("the work goes on")
                .isPositive();
    }

    @Test
    void aResolvedAlertForNothingIsRecordedAndStartsNothing() {
        long instances = runtime.createProcessInstanceQuery().count();

        Response response = sender.post(GRAFANA, grafana(resolved(fp(), BACKEND_DOWN)));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().at("/alerts/0/outcome").asText()).isEqualTo("RESOLVED_IGNORED");
        assertThat(runtime.createProcessInstanceQuery().count()).isEqualTo(instances);
        assertThat(incidents.list(Optional.of(IncidentState.OPEN))).isEmpty();
        assertThat(outcomes()).containsExactly("RESOLVED_IGNORED");
    }

    @Test
    void aFiringAlertSoonAfterItsIncidentRecoveredOpensARelapseNamingIt() {
        String fingerprint = fp();
        String first = sender.post(AM, alertmanager(firing(fingerprint, BACKEND_DOWN, Instant.now().minusSeconds(300))))
                .json().at("/alerts/0/incidentId").asText();
        incidents.markRecovered(first);

        String second = sender.post(AM, alertmanager(firing(fingerprint, BACKEND_DOWN, Instant.now().minusSeconds(10))))
                .json().at("/alerts/0/incidentId").asText();

        assertThat(second).isNotEqualTo(first);
        Response read = admin.get("/api/incidents/" + second);
        assertThat(read.json().get("relapseOf").asText()).isEqualTo(first);
        assertThat(read.json().findValuesAsText("step")).contains("재발");
    }

    @Test
    void aFiringAlertDuringMaintenanceIsRecordedOnTheWindowAndOpensNothing() {
        TestHttp devops = TestHttp.on(port).as("devops1", "demo");
        Response declared = devops.post("/api/maintenance", "{\"types\":[\"backend-api-down\"],\"end\":\""
                + Instant.now().plus(Duration.ofHours(1)) + "\",\"reason\":\"predictor 업그레이드\"}");
        assertThat(declared.status()).as(declared.body()).isEqualTo(201);
        String fingerprint = fp();
        long mails = mailsQueued();

        Response response = sender.post(AM, alertmanager(firing(fingerprint, BACKEND_DOWN, Instant.now()),
                firing(fingerprint, BACKEND_DOWN, Instant.now())));

        assertThat(response.json().findValuesAsText("outcome")).containsExactly("MAINTENANCE", "MAINTENANCE");
        assertThat(incidents.list(Optional.of(IncidentState.OPEN))).isEmpty();
        assertThat(mailsQueued()).as("nobody paged").isEqualTo(mails);
        JsonNode window = devops.get("/api/maintenance").json().get(0);
        assertThat(window.get("state").asText()).isEqualTo("ACTIVE");
        assertThat(window.at("/recorded/0/subject").asText()).isEqualTo("alert " + fingerprint);
        assertThat(window.at("/recorded/0/count").asInt()).isEqualTo(2);

        Response otherType = sender.post(AM, alertmanager(firing(fp(), Map.of("alertname", "x", "failure_type", "4"),
                Instant.now())));
        assertThat(otherType.json().at("/alerts/0/outcome").asText()).as("a window covers its types only").isEqualTo("OPENED");
    }

    @Test
    void oneHundredConcurrentIdenticalNotificationsOpenExactlyOneIncident() throws Exception {
        String body = alertmanager(firing(fp(), BACKEND_DOWN, Instant.now().minusSeconds(60)));
        ExecutorService pool = Executors.newFixedThreadPool(20);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Response>> sent = new ArrayList<>();
        try {
            for (int i = 0; i < 100; i++) {
                sent.add(pool.submit(() -> {
                    go.await();
                    return TestHttp.on(port).post(AM, body);
                }));
            }
            go.countDown();
            for (Future<Response> future : sent) {
                assertThat(future.get().status()).as(future.get().body()).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(jdbc.queryForObject("select count(*) from ro_incident where state = 'OPEN'", Integer.class)).isOne();
        assertThat(outcomes()).hasSize(100).containsOnlyOnce("OPENED");
        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(IncidentService.LIFECYCLE_PROCESS).count()).isOne();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
            "malformed JSON          | {\"version\":\"4\",\"alerts\":[                                 | body",
            "not an object           | [1,2]                                                               | body",
            "empty body              | ''                                                                  | body",
            "wrong version           | {\"version\":\"3\",\"alerts\":[]}                                  | version",
            "no version              | {\"alerts\":[]}                                                     | version",
            "missing alerts          | {\"version\":\"4\",\"status\":\"firing\"}                          | alerts",
            "alerts not a list       | {\"version\":\"4\",\"alerts\":{}}                                  | alerts",
            "alert not an object     | {\"version\":\"4\",\"alerts\":[\"x\"]}                             | alerts[0]",
            "unknown status          | {\"version\":\"4\",\"alerts\":[{\"status\":\"pending\",\"labels\":{}}]} | alerts[0].status",
            "labels not a map        | {\"version\":\"4\",\"alerts\":[{\"status\":\"firing\",\"labels\":[1]}]} | alerts[0].labels",
            "label not text          | {\"version\":\"4\",\"alerts\":[{\"status\":\"firing\",\"labels\":{\"a\":{\"b\":1}}}]} | alerts[0].labels",
            "bad startsAt            | {\"version\":\"4\",\"alerts\":[{\"status\":\"firing\",\"labels\":{},\"startsAt\":\"$(id)\"}]} | alerts[0].startsAt",
            "second alert bad        | {\"version\":\"4\",\"alerts\":[{\"status\":\"firing\",\"labels\":{\"alertname\":\"BackendDown\"}},{\"status\":1}]} | alerts[1].status",
    })
    void badInputGetsAProblemDetailNamingTheFieldAndStoresNothing(String name, String body, String field) {
        long incidentsBefore = jdbc.queryForObject("select count(*) from ro_incident", Long.class);

        Response response = sender.post(AM, body);

        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("field").asText()).isEqualTo(field);
        assertThat(outcomes()).isEmpty();
        assertThat(jdbc.queryForObject("select count(*) from ro_incident", Long.class)).isEqualTo(incidentsBefore);
    }

    @Test
    void grafanasVersionIsOneAndAlertmanagersFour() {
        assertThat(sender.post(GRAFANA, fixture(Alerts.AM_FIRING)).json().get("field").asText()).isEqualTo("version");
        assertThat(sender.post(AM, fixture(Alerts.GRAFANA_FIRING)).json().get("field").asText()).isEqualTo("version");
        assertThat(outcomes()).isEmpty();
    }

    @Test
    void aNotificationOverTheSizeLimitGets413AndStoresNothing() {
        String big = alertmanager(firing(fp(), Map.of("alertname", "BackendDown", "padding", "x".repeat(1_100_000)),
                Instant.now()));

        Response response = sender.post(AM, big);

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.json().get("field").asText()).isEqualTo("body");
        assertThat(outcomes()).isEmpty();
        assertThat(incidents.list(Optional.of(IncidentState.OPEN))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {HostileValues.LINES, "${x}", "#{x}", "$(id)", "; id", "../..", "a\u0000b", "\u202eevil"})
    void labelAndAnnotationValuesAreDataOnly(String hostile) {
        var alert = firing(hostile, Map.of("alertname", "BackendDown", "instance", hostile), Instant.now());
        alert.putObject("annotations").put("summary", hostile).put("description", hostile + "x".repeat(100_000));

        Response response = sender.post(AM, alertmanager(alert));

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        Incident incident = incidents.find(response.json().at("/alerts/0/incidentId").asText()).orElseThrow();
        assertThat(incident.summary()).startsWith("BackendDown: ").doesNotContain("\r", "\n", "\u0000", "\u202e");
        String labels = jdbc.queryForObject("select labels from ro_alert", String.class);
        assertThat(Alerts.read(labels).get("instance").asText()).as("stored as sent").isEqualTo(hostile);
        String fingerprint = jdbc.queryForObject("select fingerprint from ro_alert", String.class);
        assertThat(fingerprint).matches("[\\x21-\\x7e]+");
        runDueJobs();
        assertThat(management.createJobQuery().withException().list()).as("no job failed on it").isEmpty();
        assertThat(incidents.find(incident.id()).orElseThrow().state()).isIn(IncidentState.OPEN, IncidentState.RECOVERED);
    }

    /** An incident opened by a firing alert, whose symptom a check confirmed, waiting in its response. */
    private Incident confirmedIncidentFromAlert(String fingerprint) {
        Response fired = sender.post(AM, alertmanager(firing(fingerprint, BACKEND_DOWN, Instant.now().minusSeconds(60))));
        Incident incident = incidents.find(fired.json().at("/alerts/0/incidentId").asText()).orElseThrow();
        runDueJobs();
        incidents.confirmSymptom(incident.id(), "test: the monitor saw /api/health fail");
        assertThat(tasks.createTaskQuery().processInstanceBusinessKey(incident.id()).count())
                .as("someone is working on it").isPositive();
        return incident;
    }

    private List<String> outcomes() {
        return jdbc.queryForList("select outcome from ro_alert", String.class);
    }

    private static String fp() {
        return UUID.randomUUID().toString().substring(0, 16);
    }

    private long mailsQueued() {
        return history.createHistoricProcessInstanceQuery().processDefinitionKey("notification-mail").count();
    }
}
