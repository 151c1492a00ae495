package dev.recoveryorchestrator.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.recoveryorchestrator.EngineTestSupport;
import dev.recoveryorchestrator.HostileValues;
import dev.recoveryorchestrator.TestHttp;
import dev.recoveryorchestrator.action.ActionCatalog;
import dev.recoveryorchestrator.action.BackgroundWork;
import dev.recoveryorchestrator.action.Work;
import dev.recoveryorchestrator.action.WorkState;
import dev.recoveryorchestrator.incident.FailureType;
import dev.recoveryorchestrator.incident.Incident;
import dev.recoveryorchestrator.incident.IncidentState;
import dev.recoveryorchestrator.incident.Scope;
import dev.recoveryorchestrator.incident.TimelineEntry;
import dev.recoveryorchestrator.maintenance.MaintenanceGate;
import dev.recoveryorchestrator.monitor.MonitorSettings.Check;
import dev.recoveryorchestrator.monitor.MonitorSettings.ContainerEvents;
import dev.recoveryorchestrator.monitor.MonitorSettings.Kind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.util.unit.DataSize;

/**
 * The docker profile's event-driven detection ({@link DockerEventWatch}) as it runs: a real child process whose
 * output lines are read as docker events, and the real monitor, incidents, maintenance windows and tracked work.
 *
 * <p>{@code docker} is a FAKE ({@link FakeDockerEvents}): no Docker engine exists on the machines the tests run on,
 * so a test-owned shell script prints the event lines a real engine prints ({@code docker events --format {{json .}}}
 * of docker 27 with compose 2.29 labels), or hostile ones, then exits (a broken stream) or hangs (a stream waiting
 * for the next event). Every other part is the product's own.
 *
 * <p>A test that expects an event to be ignored ends its stream with one event that does count, so that when the
 * incident opens every line before it has been read: the incident's summary says which one counted.
 */
class DockerEventWatchTest extends EngineTestSupport {

    static final String PREDICTOR_ID = "3f2a9c1b7d4e5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b";
    static final String SUMMARY = "컨테이너 없음 또는 중지";
    final ObjectMapper json = new ObjectMapper();

    @Autowired
    Probes probes;
    @Autowired
    MonitorSettings settings;
    @Autowired
    ActionCatalog actions;
    @Autowired
    MaintenanceGate maintenance;
    @Autowired
    OwnActions ownActions;
    @Autowired
    BackgroundWork background;

    DockerEventWatch watch;
    ListAppender<ILoggingEvent> logged;

    @BeforeEach
    void freshFakeAndLog() throws IOException {
        FakeDockerEvents.reset(WORK);
        forgetWindows();
        logged = new ListAppender<>();
        logged.start();
        ((Logger) LoggerFactory.getLogger(DockerEventWatch.class)).addAppender(logged);
    }

    @AfterEach
    void watchStoppedAndItsStreamGone() throws IOException {
        if (watch != null) {
            watch.stop();
        }
        ((Logger) LoggerFactory.getLogger(DockerEventWatch.class)).detachAppender(logged);
        forgetWindows();
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.queryForObject(
                "select count(*) from ro_background_work where state in ('PENDING', 'RUNNING')", Integer.class) == 0);
        assertThat(FakeDockerEvents.pids(WORK)).as("no stream outlives the watch").allSatisfy(pid ->
                assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty());
    }

    @Test
    void aConfiguredServiceThatDiesOpensContainerFailureAtOnceThroughTheContainersCheck() throws IOException {
        FakeDockerEvents.onStart(WORK, 1, lines(event("routing-ml", "predictor", "die", Map.of("exitCode", "137"))),
                false);

        watch = watching(monitor(MaintenanceGate.none()));

        Incident incident = awaitIncident();
        assertThat(incident.type()).as("Type 4, the containers check's type").isEqualTo(FailureType.CONTAINER_FAILURE);
        assertThat(incident.summary()).isEqualTo(SUMMARY + ": 컨테이너 predictor die (exit 137) - docker 이벤트");
        assertThat(incident.source()).isEqualTo(HealthMonitor.SOURCE);
        assertThat(incident.symptomConfirmedAt()).as("our own observation").isNotNull();
        assertThat(FakeDockerEvents.calls(WORK)).as("the configured argument list, once").containsExactly(
                "events --format {{json .}} --filter type=container --filter label=com.docker.compose.project=routing-ml");
        long pid = FakeDockerEvents.pids(WORK).get(0);
        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).as("the stream goes on").isPresent();

        watch.stop();

        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).as("stopped with the watch").isEmpty();
    }

    @Test
    void eventsOfOtherContainersOtherProjectsAndOtherActionsAreIgnored() throws IOException {
        FakeDockerEvents.onStart(WORK, 1, lines(
                event("other-project", "predictor", "die", Map.of("exitCode", "1")),
                event("routing-ml", "postgres", "die", Map.of("exitCode", "1")), // not a service of the check
                event("routing-ml", "predictor", "start", Map.of()),
                event("routing-ml", "predictor", "kill", Map.of("signal", "15")),
                event("routing-ml", "predictor", "health_status: healthy", Map.of()),
                network("routing-ml_default", "disconnect"),
                event("routing-ml", "frontend", "health_status: unhealthy", Map.of())), false);

        watch = watching(monitor(MaintenanceGate.none()));

        Incident incident = awaitIncident();
        assertThat(incident.summary()).as("only the last event counted")
                .isEqualTo(SUMMARY + ": 컨테이너 frontend health_status: unhealthy - docker 이벤트");
        assertThat(open()).hasSize(1);
    }

    @Test
    void aHostileEventIsOnlyDataAndIsNeitherInterpretedNorEchoed() throws IOException {
        ObjectNode huge = event("routing-ml", "predictor", "die", Map.of("exitCode", "1", "padding", "x".repeat(100 * 1024)));
        ObjectNode hostileName = event("routing-ml", "frontend", "oom", Map.of("name", HostileValues.LINES + "\0",
                "exitCode", "$(id)"));
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        printed.writeBytes((HostileValues.TEXT + "\n").getBytes(StandardCharsets.UTF_8));
        // raw NUL, CR and LF inside what would be a valid die event: not JSON, or cut in two
        printed.writeBytes(json.writeValueAsString(event("routing-ml", "predictor", "die", Map.of("name", "a")))
                .replace("\"a\"", "\"a\0b\"").getBytes(StandardCharsets.UTF_8));
        printed.writeBytes("\n".getBytes(StandardCharsets.UTF_8));
        printed.writeBytes(json.writeValueAsString(event("routing-ml", "predictor", "die", Map.of("name", "a")))
                .replace("\"a\"", "\"a\rb\nc\"").getBytes(StandardCharsets.UTF_8));
        printed.writeBytes("\n".getBytes(StandardCharsets.UTF_8));
        printed.writeBytes(lines(huge,
                event("routing-ml", "predictor\r\n", "die", Map.of()),
                event("routing-ml", "predictor\0", "die", Map.of()),
                event("routing-ml", "${x}", "die", Map.of()),
                event("$(id)", "predictor", "die", Map.of()),
                event("routing-ml", "predictor", "die\0", Map.of()),
                event("routing-ml", "predictor", "die ${x}", Map.of()),
                hostileName));
        FakeDockerEvents.onStart(WORK, 1, printed.toByteArray(), false);

        watch = watching(monitor(MaintenanceGate.none()));

        Incident incident = awaitIncident();
        assertThat(incident.summary()).as("the first die of predictor was cut by a raw LF, the rest were no event, too "
                + "long or not of a configured service; nothing of the hostile name or exit code reached the incident")
                .isEqualTo(SUMMARY + ": 컨테이너 frontend oom - docker 이벤트");
        assertThat(open()).hasSize(1);
        assertThat(logged.list).as("nothing the stream printed is logged at length, or with a line break or NUL")
                .allSatisfy(line -> assertThat(line.getFormattedMessage()).hasSizeLessThan(600)
                        .doesNotContain("\r", "\n", "\0", "xxxxxxxxxx"));
        assertThat(logged.list).extracting(ILoggingEvent::getFormattedMessage)
                .anySatisfy(line -> assertThat(line).contains("bytes, longer than max-line"))
                .anySatisfy(line -> assertThat(line).contains("not a JSON event").contains("${x} #{x}"));
    }

    @Test
    void aStreamThatBreaksIsStartedAgainAndItsNextEventsCount() throws IOException {
        FakeDockerEvents.onStart(WORK, 1, "Cannot connect to the Docker daemon at unix:///var/run/docker.sock.\n"
                .getBytes(StandardCharsets.UTF_8), true);
        FakeDockerEvents.onStart(WORK, 2, new byte[0], true);
        FakeDockerEvents.onStart(WORK, 3, lines(event("routing-ml", "predictor", "oom", Map.of())), false);

        watch = watching(monitor(MaintenanceGate.none()));

        Incident incident = awaitIncident();
        assertThat(incident.summary()).isEqualTo(SUMMARY + ": 컨테이너 predictor oom - docker 이벤트");
        assertThat(FakeDockerEvents.calls(WORK)).as("started three times").hasSize(3);
        assertThat(watch.streams()).isEqualTo(3);
        assertThat(logged.list).extracting(ILoggingEvent::getFormattedMessage)
                .filteredOn(line -> line.contains("starting it again in")).hasSize(2)
                .allSatisfy(line -> assertThat(line).contains("exit 3"));
    }

    @Test
    void aMaintenanceWindowRecordsTheEventAndOpensNothing() throws IOException {
        TestHttp devops = TestHttp.on(port).as("devops1", "demo");
        TestHttp.Response declared = devops.post("/api/maintenance", "{\"start\":\"" + start + "\",\"end\":\""
                + start.plus(Duration.ofMinutes(10)) + "\",\"reason\":\"컨테이너 재배포\"}");
        assertThat(declared.status()).as(declared.body()).isEqualTo(201);
        String id = declared.json().get("id").asText();
        FakeDockerEvents.onStart(WORK, 1, lines(event("routing-ml", "predictor", "die", Map.of("exitCode", "0"))),
                false);

        watch = watching(monitor(maintenance));

        JsonNode recorded = Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> window(devops, id).get("recorded"), found -> found.size() > 0);
        assertThat(recorded.findValuesAsText("subject")).containsExactly("check containers");
        assertThat(recorded.findValuesAsText("source")).containsOnly(HealthMonitor.SOURCE);
        assertThat(open()).isEmpty();
    }

    @Test
    void anEventWhileOurOwnRestartRunsCountsTowardNoIncidentAndIsNotedOnTheIncidentItIsFor() throws IOException {
        Incident database = open(FailureType.DATABASE_UNREACHABLE); // Type 2 restarts the backend in its recovery
        FakeDockerEvents.onStart(WORK, 1, lines(event("routing-ml", "predictor", "die", Map.of("exitCode", "137"))),
                false);
        synchronized (standin) { // the stand-in's restart waits for this: the work stays RUNNING
            Work restart = background.submit("events-test/" + UUID.randomUUID(), "restart-backend", database.id());
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> background.find(restart.id()).orElseThrow()
                    .state(), state -> state == WorkState.RUNNING);

            watch = watching(monitor(MaintenanceGate.none()));

            awaitTaken(database);
            assertThat(open()).as("only the incident the restart is for").extracting(Incident::id)
                    .containsExactly(database.id());
            assertThat(notes(database, HealthMonitor.EXPECTED_SYMPTOM)).singleElement().asString()
                    .startsWith("[container-failure] containers: 컨테이너 predictor die (exit 137)")
                    .contains("restart-backend 실행 중");
        }
    }

    /**
     * The monitor may be busy with a round (its probes can take seconds) when an event arrives; by the time it takes
     * the event our restart may have ended. The event is judged by what ran when it arrived: here the test holds the
     * monitor (as a long round would) until the restart has ended.
     */
    @Test
    void anEventOurRestartCausedCountsTowardNoIncidentEvenWhenTheMonitorTakesItOnlyAfterTheRestartEnded()
            throws IOException {
        Incident database = open(FailureType.DATABASE_UNREACHABLE);
        FakeDockerEvents.onStart(WORK, 1, lines(event("routing-ml", "predictor", "die", Map.of("exitCode", "137"))),
                false);
        HealthMonitor monitor = monitor(MaintenanceGate.none());
        Work restart;
        synchronized (monitor) {
            synchronized (standin) {
                restart = background.submit("events-test/" + UUID.randomUUID(), "restart-backend", database.id());
                Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> background.find(restart.id())
                        .orElseThrow().state(), state -> state == WorkState.RUNNING);

                watch = watching(monitor);

                Awaitility.await("the event has arrived and waits for the monitor").atMost(Duration.ofSeconds(30))
                        .until(() -> Thread.getAllStackTraces().keySet().stream().anyMatch(thread ->
                                thread.getName().equals("docker-events") && thread.getState() == Thread.State.BLOCKED));
            }
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> background.find(restart.id()).orElseThrow()
                    .state().ended());
        }

        awaitTaken(database);
        assertThat(open()).as("no incident of its own").extracting(Incident::id).containsExactly(database.id());
        assertThat(notes(database, HealthMonitor.EXPECTED_SYMPTOM)).singleElement().asString()
                .startsWith("[container-failure] containers: 컨테이너 predictor die");
    }

    /** Only a containers check that our restart disrupts, and the fake's stream as its events. */
    private MonitorSettings containersWithEvents() {
        Check containers = new Check("containers", Kind.CONTAINERS, FailureType.CONTAINER_FAILURE, null, 2, null, SUMMARY,
                Scope.WHOLE, null, null, Set.of(), List.of(), null, List.of(), DataSize.ofMegabytes(1), null,
                "127.0.0.1", null, FakeDocker.ACTION, List.of("predictor", "frontend"), Set.of("running"),
                Set.of("restart-backend"));
        return new MonitorSettings(true, settings.interval(), settings.failuresBeforeIncident(), settings.timeout(),
                settings.order(), List.of(containers), new ContainerEvents("containers", FakeDockerEvents.ACTION,
                        "routing-ml", Set.of("die", "oom", "health_status: unhealthy"), DataSize.ofKilobytes(64),
                        Duration.ofMillis(20), Duration.ofMillis(200)));
    }

    private HealthMonitor monitor(MaintenanceGate gate) {
        return new HealthMonitor(containersWithEvents(), probes, incidents, gate, ownActions);
    }

    private DockerEventWatch watching(HealthMonitor monitor) {
        DockerEventWatch started = new DockerEventWatch(containersWithEvents(),
                new StaticListableBeanFactory(Map.of("monitor", monitor)).getBeanProvider(HealthMonitor.class), actions);
        started.start();
        return started;
    }

    /** One event as {@code docker events --format '{{json .}}'} prints it (docker 27, compose 2.29 labels). */
    private ObjectNode event(String project, String service, String action, Map<String, String> more) {
        ObjectNode event = json.createObjectNode();
        event.put("status", action).put("id", PREDICTOR_ID).put("from", "routing-ml-" + service)
                .put("Type", "container").put("Action", action);
        ObjectNode actor = event.putObject("Actor");
        actor.put("ID", PREDICTOR_ID);
        ObjectNode attributes = actor.putObject("Attributes");
        attributes.put("com.docker.compose.config-hash", "9c1b7d4e5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b3f2a")
                .put("com.docker.compose.container-number", "1").put("com.docker.compose.oneoff", "False")
                .put(DockerEventWatch.PROJECT_LABEL, project)
                .put("com.docker.compose.project.working_dir", "/workspaces/Routing_ML_4/deploy/docker")
                .put(DockerEventWatch.SERVICE_LABEL, service).put("com.docker.compose.version", "2.29.7")
                .put("image", "routing-ml-" + service).put("name", "routing-ml-" + service + "-1");
        more.forEach(attributes::put);
        event.put("scope", "local").put("time", 1725152400L).put("timeNano", 1725152400123456789L);
        return event;
    }

    private ObjectNode network(String name, String action) {
        ObjectNode event = json.createObjectNode();
        event.put("Type", "network").put("Action", action);
        event.putObject("Actor").put("ID", "a1b2c3").putObject("Attributes").put("name", name)
                .put(DockerEventWatch.PROJECT_LABEL, "routing-ml").put(DockerEventWatch.SERVICE_LABEL, "predictor");
        event.put("scope", "local").put("time", 1725152400L);
        return event;
    }

    private byte[] lines(ObjectNode... events) throws IOException {
        StringBuilder text = new StringBuilder();
        for (ObjectNode event : events) {
            text.append(json.writeValueAsString(event)).append('\n');
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private Incident awaitIncident() {
        return Awaitility.await().atMost(Duration.ofSeconds(30)).until(this::open, found -> !found.isEmpty()).get(0);
    }

    /** Until the monitor has taken the event: noted as expected on {@code incident}, or another incident opened. */
    private void awaitTaken(Incident incident) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> open().size() > 1
                || !notes(incident, HealthMonitor.EXPECTED_SYMPTOM).isEmpty());
    }

    private List<Incident> open() {
        return incidents.list(Optional.of(IncidentState.OPEN));
    }

    private List<String> notes(Incident incident, String step) {
        return incidents.timeline(incident.id()).stream().filter(entry -> entry.step().equals(step))
                .map(TimelineEntry::detail).toList();
    }

    private void forgetWindows() {
        jdbc.update("delete from ro_maintenance_event");
        jdbc.update("delete from ro_maintenance");
    }

    /** The declared window, found by its id among whatever the list holds. */
    private static JsonNode window(TestHttp devops, String id) {
        for (JsonNode window : devops.get("/api/maintenance").json()) {
            if (window.get("id").asText().equals(id)) {
                return window;
            }
        }
        throw new AssertionError("window " + id + " is not listed");
    }
}
