package dev.recoveryorchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recoveryorchestrator.incident.FailureType;
import dev.recoveryorchestrator.incident.Incident;
import dev.recoveryorchestrator.incident.IncidentRequest;
import dev.recoveryorchestrator.incident.IncidentService;
import dev.recoveryorchestrator.incident.Scope;
import dev.recoveryorchestrator.runbook.TestActions;
import dev.recoveryorchestrator.standin.DemoDatabase;
import dev.recoveryorchestrator.standin.DemoModels;
import dev.recoveryorchestrator.standin.StandinSettings;
import dev.recoveryorchestrator.standin.StandinSupervisor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageConfiguration;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageTestExecutionListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestExecutionListeners;

/**
 * The engine with its job executor off, for process tests: jobs run when a test says so, and time moves only
 * with {@link #advance(Duration)} ({@code ClockUtil}). Everything else is real: the stand-in backend is an OS
 * process on a free port, mail goes to GreenMail over SMTP, files go to a temporary folder, the HTTP server
 * listens on a random loopback port. Every test class extending this shares one Spring context.
 * <p>
 * Process coverage (camunda-process-test-coverage): the imported configuration puts the coverage parse listener
 * into the engine, so every extending class shares it and still the one context; the listener writes a report
 * per test class to {@code target/process-test-coverage/<test class>/} ({@code report.html}, {@code report.json}).
 * Coverage is measured, not asserted.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "camunda.bpm.job-execution.enabled=false",
        "recovery.monitor.enabled=false",
        "recovery.health-check.after-action.attempts=3",
        "recovery.health-check.after-action.interval=PT0.1S",
        "recovery.health-check.verify.attempts=2",
        "recovery.health-check.verify.interval=PT0.1S",
        "recovery.health-check.confirm.interval=PT0.1S",
        "recovery.retries.mail=R2/PT1M",
        "recovery.notify.users=users@routing-ml.test",
        "recovery.contacts.devops[0].name=DevOps", "recovery.contacts.devops[0].email=devops@routing-ml.test",
        "recovery.contacts.backend[0].name=Backend", "recovery.contacts.backend[0].email=backend@routing-ml.test",
        "recovery.contacts.it[0].name=IT", "recovery.contacts.it[0].email=it@routing-ml.test",
        "recovery.contacts.cto[0].name=CTO", "recovery.contacts.cto[0].email=cto@routing-ml.test",
})
@Import(ProcessEngineCoverageConfiguration.class)
// The Prometheus registry as in production (Spring Boot's tests switch metrics export off otherwise), so that
// /actuator/prometheus answers and tests read the names Prometheus reads (observe/ObservabilityTest).
@org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability(tracing = false)
@TestExecutionListeners(listeners = ProcessEngineCoverageTestExecutionListener.class,
        mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
public abstract class EngineTestSupport {

    protected static final Path WORK = TestEnvironment.tempFolder("recovery-tests");
    protected static final int STANDIN_PORT = TestEnvironment.freePort();
    /** {@code recovery.time-zone} of the tests (the default): every date a test expects is taken in it. */
    protected static final ZoneId ZONE = ZoneId.of("Asia/Seoul");

    @Autowired
    protected ProcessEngine engine;
    @Autowired
    protected RuntimeService runtime;
    @Autowired
    protected TaskService tasks;
    @Autowired
    protected ManagementService management;
    @Autowired
    protected HistoryService history;
    @Autowired
    protected IncidentService incidents;
    @Autowired
    protected StandinSupervisor standin;
    @Autowired
    protected StandinSettings standinSettings;
    @Autowired
    protected JdbcTemplate jdbc;
    @LocalServerPort
    protected int port;

    protected Instant start;

    @DynamicPropertySource
    static void environment(DynamicPropertyRegistry registry) {
        TestEnvironment.register(registry, "engine-tests", WORK, STANDIN_PORT);
        TestActions.register(registry, WORK);
        dev.recoveryorchestrator.monitor.FakeDocker.register(registry, WORK);
        dev.recoveryorchestrator.monitor.FakeDockerEvents.register(registry, WORK);
        dev.recoveryorchestrator.runbook.networkoutage.FakeFirewall.register(registry, WORK, STANDIN_PORT);
        dev.recoveryorchestrator.runbook.containerfailure.FakeComposeDocker.register(registry, WORK);
    }

    @BeforeEach
    void freshEngineState() throws IOException {
        BpmnAwareTests.init(engine);
        start = TestClock.start();
        ClockUtil.setCurrentTime(Date.from(start));
        Files.deleteIfExists(standinSettings.faultFile());
        freshDemoData();
        if (standin.process().isEmpty()) {
            standin.start();
        }
        TestMail.purge();
        // The inspections' cron timers would fire in any test that moves the clock by days; their own tests
        // activate them (InspectionProcessTest).
        for (org.camunda.bpm.engine.management.JobDefinition timer : management.createJobDefinitionQuery()
                .activityIdIn("StartEvent_Scheduled").active().list()) {
            management.suspendJobDefinitionById(timer.getId(), true);
        }
    }

    @AfterEach
    void leaveNothingBehind() throws IOException {
        ClockUtil.reset();
        Files.deleteIfExists(standinSettings.faultFile());
        List<String> running = runtime.createProcessInstanceQuery().rootProcessInstances().list().stream()
                .map(instance -> instance.getId()).toList();
        if (!running.isEmpty()) {
            // As an operator cancelling in Cockpit: the incidents follow their lifecycles (LifecycleEndWatcher).
            runtime.deleteProcessInstances(running, "test cleanup", true, false);
        }
        jdbc.update("delete from ro_recovery_attempt");
        // A maintenance window silences detection and shows in every list: one a test declared must not reach the
        // next test of the same JVM (StatusPageBrowserTest's planned window made MaintenanceApiTest fail in CI when
        // the two shared a fork).
        jdbc.update("delete from ro_maintenance_event");
        jdbc.update("delete from ro_maintenance");
    }

    /**
     * Every test owns the stand-in's data: its database, backups, predictor config, env file and model versions are
     * made afresh, dated from the test's clock in {@link #ZONE}, so nothing one test leaves (a backup of another day,
     * a damaged file, a replaced model) reaches the next, in whatever order they run. The running stand-in reads these
     * files on every request, so it needs no restart.
     */
    protected void freshDemoData() throws IOException {
        Path dir = standinSettings.dir();
        for (String part : List.of("routing_data", DemoDatabase.BACKUPS, "config", "data")) {
            deleteTree(dir.resolve(part));
        }
        deleteTree(standinSettings.modelDir());
        Files.deleteIfExists(dir.resolve(DemoDatabase.ENV));
        copyTree(demoData(start.atZone(ZONE).toLocalDate()), dir);
        DemoDatabase.dateBackups(dir.resolve(DemoDatabase.BACKUPS), start, ZONE);
        DemoDatabase.createIfMissing(dir, start, ZONE); // the env file, which names this folder's database
    }

    /** The demo's data for one day, made once per JVM and copied for each test (making it takes ~100 ms). */
    private static Path demoData(java.time.LocalDate day) {
        return DEMO_DATA.computeIfAbsent(day, d -> {
            try {
                Path template = WORK.resolve("demo-data-" + d);
                Instant noon = d.atTime(12, 0).atZone(ZONE).toInstant();
                DemoDatabase.createIfMissing(template, noon, ZONE);
                Files.delete(template.resolve(DemoDatabase.ENV));
                DemoModels.seed(template.resolve("models"), template.resolve("data").resolve("training_dataset.csv"), d);
                return template;
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    private static final java.util.Map<java.time.LocalDate, Path> DEMO_DATA = new java.util.concurrent.ConcurrentHashMap<>();

    private static void copyTree(Path from, Path to) throws IOException {
        try (java.util.stream.Stream<Path> paths = Files.walk(from)) {
            for (Path path : paths.toList()) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    /** Removes a folder of the test's own with everything in it (never anything outside the test's folder). */
    protected static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!root.toAbsolutePath().startsWith(WORK.toAbsolutePath())) {
            throw new IllegalArgumentException(root + " is not in the tests' folder " + WORK);
        }
        try (java.util.stream.Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /**
     * Open tasks of incident responses: every task but the post-incident review's ({@code incident-review}), which
     * starts at recovery and may stay open for days. {@code incidentId} null: of every incident.
     */
    protected long openResponseTasks(String incidentId) {
        org.camunda.bpm.engine.task.TaskQuery query = tasks.createTaskQuery();
        if (incidentId != null) {
            query.processInstanceBusinessKey(incidentId);
        }
        return query.list().stream().filter(task -> !task.getProcessDefinitionId().startsWith("incident-review:")).count();
    }

    /** Opens an incident as the monitor would. */
    protected Incident open(FailureType type) {
        return incidents.open(new IncidentRequest(type, Scope.WHOLE, "test", "test", null)).incident();
    }

    /**
     * Runs every job that is due now, including those the jobs themselves create, until none is due. Tracked
     * background work ({@code run-action}: restart, rollback) runs in real time on its own threads: when only its
     * poll timers are left, this waits (bounded) until the work has ended and then fires those timers at once, so
     * a test sees the action's outcome without the engine clock moving.
     */
    protected void runDueJobs() {
        for (int round = 0; round < 500; round++) {
            List<Job> due = management.createJobQuery().executable().list();
            if (due.isEmpty()) {
                due = pollTimersOfEndedWork();
            }
            if (due.isEmpty()) {
                return;
            }
            management.executeJob(due.get(0).getId());
        }
        throw new AssertionError("jobs keep coming after 500 runs: " + management.createJobQuery().list());
    }

    /**
     * Runs due jobs one at a time, as {@link #runDueJobs()} does, until {@code found} gives something: to act in the
     * middle of a response (claim a task while the runbook still diagnoses) that would otherwise run to its end.
     */
    protected <T> T runDueJobsUntil(java.util.function.Supplier<T> found) {
        for (int round = 0; round < 500; round++) {
            T result = found.get();
            if (result != null) {
                return result;
            }
            List<Job> due = management.createJobQuery().executable().list();
            if (due.isEmpty()) {
                throw new AssertionError("no job left to run, and nothing found");
            }
            management.executeJob(due.get(0).getId());
        }
        throw new AssertionError("jobs keep coming after 500 runs: " + management.createJobQuery().list());
    }

    private List<Job> pollTimersOfEndedWork() {
        List<Job> polls = management.createJobQuery().activityId("Timer_WaitForAction").list();
        if (polls.isEmpty()) {
            return polls;
        }
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.queryForObject(
                "select count(*) from ro_background_work where state in ('PENDING', 'RUNNING')", Integer.class) == 0);
        return polls;
    }

    /** The instances of the runbook {@code key} that the incident's lifecycle called, oldest first, from history. */
    protected List<HistoricInstance> runbooksOf(Incident incident, String key) {
        return history.createHistoricProcessInstanceQuery().processDefinitionKey(key)
                .superProcessInstanceId(incident.processInstanceId()).orderByProcessInstanceStartTime().asc().list()
                .stream().map(HistoricInstance::new).toList();
    }

    /** The one instance of {@code instances}, asserting there is exactly one. */
    protected static HistoricInstance single(List<HistoricInstance> instances) {
        assertThat(instances).hasSize(1);
        return instances.get(0);
    }

    /** How the incident's lifecycle says it recovered ({@code recoveredBy}), from history. */
    protected String recoveredBy(Incident incident) {
        return history.createHistoricVariableInstanceQuery().variableName("recoveredBy")
                .processInstanceId(incident.processInstanceId()).singleResult().getValue().toString();
    }

    /** What the incident's timeline says under one step, an entry per line. */
    protected String stepNotes(Incident incident, String step) {
        return String.join("\n", incidents.timeline(incident.id()).stream()
                .filter(entry -> entry.step().equals(step)).map(entry -> entry.detail()).toList());
    }

    /** Moves the engine clock forward, then runs what has become due. */
    protected void advance(Duration duration) {
        ClockUtil.setCurrentTime(Date.from(ClockUtil.getCurrentTime().toInstant().plus(duration)));
        runDueJobs();
    }

    /** Advances to {@code sinceStart} after the test began. */
    protected void advanceTo(Duration sinceStart) {
        ClockUtil.setCurrentTime(Date.from(start.plus(sinceStart)));
        runDueJobs();
    }

    /** Kills the stand-in backend the way {@code kill -9} does. */
    protected void killStandin() {
        ProcessHandle process = standin.process().orElseThrow(() -> new AssertionError("stand-in is not running"));
        process.destroyForcibly();
        process.onExit().join();
    }

    /** Makes the stand-in's health check fail until {@link #healStandin()}: a backend that runs but cannot serve. */
    protected void breakStandin() throws IOException {
        Files.createDirectories(standinSettings.faultFile().getParent());
        Files.writeString(standinSettings.faultFile(), "test");
    }

    protected void healStandin() throws IOException {
        Files.deleteIfExists(standinSettings.faultFile());
    }
}
