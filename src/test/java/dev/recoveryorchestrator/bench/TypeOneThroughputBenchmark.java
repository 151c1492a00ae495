package dev.recoveryorchestrator.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recoveryorchestrator.EngineTestSupport;
import dev.recoveryorchestrator.TestMail;
import dev.recoveryorchestrator.TestPostgres;
import dev.recoveryorchestrator.action.ActionResult;
import dev.recoveryorchestrator.action.RecoveryAction;
import dev.recoveryorchestrator.incident.FailureType;
import dev.recoveryorchestrator.incident.IncidentRequest;
import dev.recoveryorchestrator.incident.IncidentService;
import dev.recoveryorchestrator.incident.IncidentState;
import dev.recoveryorchestrator.incident.Scope;
import dev.recoveryorchestrator.standin.StandinSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.history.HistoricJobLog;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.builder.AbstractFlowNodeBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Benchmark B5 (issue 19): how many Type 1 incidents per second the engine takes through the automated path (symptom
 * confirmed, restart, health check passed, RECOVERED), against the same engine running a bare process with as many
 * asynchronous jobs as one incident runs. The ratio shows what the product's own work (our delegates, our tables, the
 * lifecycle around the runbook) costs over the engine's job handling. Goal: at least 0.7.
 * <p>
 * Not part of {@code mvn verify}: tagged {@code benchmark} (excluded in pom.xml) and not named like a test. Run it
 * with {@code bench/b5.sh [h2|postgres]}; the figures go to standard output and {@code target/bench-b5.txt}. It
 * asserts only that each incident did reach RECOVERED and each bare instance ended, never a time.
 * <p>
 * The restart is a no-op that only clears the stand-in's fault ({@link BenchmarkContext}), and the configured pauses
 * on the path are zero ({@link #benchmarkSettings}), so the figure is the engine and our delegates, not configured
 * sleeps or a process start. Jobs are driven as the process tests drive them ({@link #drive()}): one thread, job
 * executor off, the engine clock held, the run-action poll timer fired as soon as the tracked work has ended.
 */
@Tag("benchmark")
class TypeOneThroughputBenchmark extends EngineTestSupport {

    /** {@code BENCH_DATABASE}: {@code h2} (default, in memory as in the tests) or {@code postgres} (TestPostgres). */
    static final String DATABASE = System.getenv().getOrDefault("BENCH_DATABASE", "h2").toLowerCase(Locale.ROOT);
    static final int WARMUPS = Integer.getInteger("bench.warmups", intEnv("BENCH_WARMUPS", 5));
    static final int MEASURED = Integer.getInteger("bench.incidents", intEnv("BENCH_INCIDENTS", 50));
    static final Path OUTPUT = Path.of("target", "bench-b5.txt");
    static final String BARE = "bench-bare-async";

    /** The settings this benchmark changes from the tests' ones, written into its output as they are. */
    static final Map<String, String> SETTINGS = new java.util.LinkedHashMap<>();

    static {
        SETTINGS.put("recovery.health-check.confirm.interval", "PT0S");
        SETTINGS.put("recovery.health-check.after-action.interval", "PT0S");
        SETTINGS.put("recovery.health-check.verify.interval", "PT0S");
        SETTINGS.put("recovery.run-action.poll-interval", "PT0.1S");
    }

    /**
     * The fresh database, made when the class is loaded: the Spring context (and so the data source) is made before
     * any {@code @BeforeAll} or extension of this class would run.
     */
    static final TestPostgres postgres = freshPostgres();

    /** Where the measured incidents' time went: each job by process:activity, the open call, the waits for work. */
    private final Map<String, Long> spent = new TreeMap<>();
    private boolean measuring;

    @Autowired
    RepositoryService repository;
    @Autowired
    DataSource dataSource;

    private static TestPostgres freshPostgres() {
        if (DATABASE.equals("h2")) {
            return null;
        }
        if (!DATABASE.equals("postgres")) {
            throw new IllegalArgumentException("BENCH_DATABASE must be h2 or postgres, not " + DATABASE);
        }
        TestPostgres fresh = new TestPostgres();
        try {
            fresh.beforeAll(null);
        } catch (SQLException e) {
            throw new IllegalStateException("no fresh PostgreSQL database: " + e.getMessage(), e);
        }
        return fresh;
    }

    @AfterAll
    static void dropDatabase() throws SQLException {
        if (postgres != null) {
            postgres.afterAll(null);
        }
    }

    @DynamicPropertySource
    static void benchmarkSettings(DynamicPropertyRegistry registry) {
        SETTINGS.forEach((name, value) -> registry.add(name, () -> value));
    }

    /** This benchmark's own test context: the no-op restart, and on PostgreSQL its data source. */
    @TestConfiguration
    static class BenchmarkContext {

        /**
         * PostgreSQL's data source, ahead of every other property source: EngineTestSupport's dynamic H2 URL is
         * registered after this class's own dynamic properties, and would win over them.
         */
        @Bean
        static org.springframework.beans.factory.config.BeanFactoryPostProcessor postgresDataSource(
                org.springframework.core.env.ConfigurableEnvironment environment) {
            return beanFactory -> {
                if (postgres != null) {
                    environment.getPropertySources().addFirst(new org.springframework.core.env.MapPropertySource(
                            "benchmark-postgres", Map.of("spring.datasource.url", postgres.jdbcUrl(),
                                    "spring.datasource.username", postgres.username(),
                                    "spring.datasource.password", postgres.password())));
                }
            };
        }

        /**
         * The Type 1 restart as a no-op: the tracked action {@code restart-backend} (the stand-in's,
         * standin/StandinConfiguration) replaced by one that only removes the stand-in's fault file, so that the health
         * check after it passes. It stays tracked, so it runs as the real one does, as background work through
         * {@code run-action}.
         */
        @Bean
        static BeanPostProcessor noOpRestartBackend(ObjectProvider<StandinSettings> standin) {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String beanName) {
                    if (bean instanceof RecoveryAction action && action.name().equals("restart-backend")) {
                        return new RecoveryAction() {
                            @Override
                            public String name() {
                                return "restart-backend";
                            }

                            @Override
                            public ActionResult run() {
                                try {
                                    Files.deleteIfExists(standin.getObject().faultFile());
                                } catch (IOException e) {
                                    throw new UncheckedIOException(e);
                                }
                                return new ActionResult("restart-backend", true, 0, "no-op restart (benchmark B5)");
                            }

                            @Override
                            public Duration timeout() {
                                return Duration.ofSeconds(30);
                            }

                            @Override
                            public boolean tracked() {
                                return true;
                            }
                        };
                    }
                    return bean;
                }
            };
        }
    }

    @Test
    void typeOneIncidentsPerSecondAgainstABareProcess() throws Exception {
        // What one incident runs: the jobs of a second incident, from the job log. The first also runs the jobs due
        // at the engine's start that belong to no incident (they showed as null:null), so it only warms up.
        incident();
        Map<String, Long> before = jobLog();
        int jobsPerIncident = incident().jobs();
        Map<String, Long> byActivity = difference(jobLog(), before);
        long logged = byActivity.values().stream().mapToLong(Long::longValue).sum();
        assertThat(logged).as("jobs the driver ran = jobs in the job log").isEqualTo(jobsPerIncident);
        repository.createDeployment().name(BARE).addModelInstance(BARE + ".bpmn", bareProcess(jobsPerIncident))
                .deploy();

        for (int i = 2; i < WARMUPS; i++) {
            incident();
        }
        for (int i = 0; i < WARMUPS; i++) {
            bare();
        }
        // Alternately, so that both see the same load on a shared machine.
        long[] incidentNanos = new long[MEASURED];
        long[] bareNanos = new long[MEASURED];
        List<Integer> incidentJobs = new ArrayList<>();
        for (int i = 0; i < MEASURED; i++) {
            measuring = true;
            Run incident = incident();
            measuring = false;
            incidentNanos[i] = incident.nanos();
            incidentJobs.add(incident.jobs());
            Run bare = bare();
            assertThat(bare.jobs()).isEqualTo(jobsPerIncident);
            bareNanos[i] = bare.nanos();
        }

        double incidentsPerSecond = MEASURED / seconds(incidentNanos);
        double barePerSecond = MEASURED / seconds(bareNanos);
        StringBuilder out = new StringBuilder();
        out.append("B5: Type 1 incidents/s through the automated path, against a bare process with as many"
                + " async jobs\n");
        out.append("date: ").append(Instant.now()).append('\n');
        out.append("machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores, Java ")
                .append(System.getProperty("java.version")).append(" (").append(System.getProperty("java.vm.name"))
                .append("), ").append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.arch"))
                .append(", max heap ").append(Runtime.getRuntime().maxMemory() / (1024 * 1024)).append(" MB\n");
        out.append("database: ").append(databaseProduct()).append('\n');
        out.append("driving: the process tests' way, one thread, job executor off, engine clock held; each due job run"
                + " with ManagementService.executeJob until none is due; the run-action poll timer fired as soon as"
                + " the tracked work has ended (so its poll interval is never waited for); timers after RECOVERED (log"
                + " watch window, health watch, RTO) do not fall due\n");
        out.append("restart-backend: a no-op tracked action that clears the stand-in's fault file (the stand-in answers"
                + " 503 until then); the stand-in itself is the real OS process\n");
        out.append("settings changed from the tests' (EngineTestSupport): ").append(SETTINGS).append('\n');
        out.append("one incident: opened as a person would (IncidentService.open), to RECOVERED and no job left due;"
                + " untimed between two: its instances deleted, ro_recovery_attempt emptied (the per-hour cap),"
                + " the fault file written again\n");
        out.append("async jobs per incident: ").append(jobsPerIncident).append(" (measured runs: ")
                .append(incidentJobs.stream().distinct().toList()).append("), by process:activity: ").append(byActivity)
                .append('\n');
        out.append("bare process: ").append(jobsPerIncident).append(" asyncBefore service tasks,"
                + " camunda:expression=\"${true}\", same engine, same driver\n");
        out.append("runs: ").append(WARMUPS).append(" warm-ups each, then ").append(MEASURED)
                .append(" incidents and ").append(MEASURED).append(" bare instances alternately\n");
        out.append(String.format(Locale.ROOT, "incident: %.1f incidents/s (median %.1f ms, p90 %.1f ms)%n",
                incidentsPerSecond, percentile(incidentNanos, 50), percentile(incidentNanos, 90)));
        out.append(String.format(Locale.ROOT, "bare:     %.1f instances/s (median %.1f ms, p90 %.1f ms)%n",
                barePerSecond, percentile(bareNanos, 50), percentile(bareNanos, 90)));
        out.append(String.format(Locale.ROOT, "ratio incidents/s : bare instances/s = %.2f (goal >= 0.7)%n",
                incidentsPerSecond / barePerSecond));
        out.append("where an incident's time goes (ms per incident, by job process:activity; the open call; the"
                + " driver's wait for the tracked work to end):\n");
        spent.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(entry -> out.append(String.format(Locale.ROOT, "  %8.1f  %s%n",
                        entry.getValue() / 1e6 / MEASURED, entry.getKey())));
        out.append("note: compare the two figures of one run; the machine's speed varies between runs\n");
        System.out.print(out);
        Files.createDirectories(OUTPUT.getParent());
        Files.writeString(OUTPUT, out);
    }

    /** One Type 1 incident: the stand-in answering 503, opened, driven to its end, then cleared away untimed. */
    private Run incident() throws IOException {
        breakStandin();
        long began = System.nanoTime();
        IncidentService.Opened opened = incidents.open(new IncidentRequest(FailureType.BACKEND_API_DOWN, Scope.WHOLE,
                "benchmark B5", "benchmark", null));
        count("(IncidentService.open)", began);
        int jobs = drive();
        long took = System.nanoTime() - began;
        assertThat(opened.deduplicated()).as("a new incident each time").isFalse();
        assertThat(incidents.find(opened.incident().id()).orElseThrow().state()).isEqualTo(IncidentState.RECOVERED);
        clearAway();
        return new Run(took, jobs);
    }

    private Run bare() {
        long began = System.nanoTime();
        String id = runtime.startProcessInstanceByKey(BARE).getId();
        int jobs = drive();
        long took = System.nanoTime() - began;
        assertThat(runtime.createProcessInstanceQuery().processInstanceId(id).count()).isZero();
        return new Run(took, jobs);
    }

    /** As EngineTestSupport's cleanup after a test: the incident's lifecycle and runbook end, the incident closes. */
    private void clearAway() {
        List<String> running = runtime.createProcessInstanceQuery().rootProcessInstances().list().stream()
                .map(instance -> instance.getId()).toList();
        if (!running.isEmpty()) {
            runtime.deleteProcessInstances(running, "benchmark", true, false);
        }
        jdbc.update("delete from ro_recovery_attempt");
        TestMail.purge();
    }

    /**
     * Runs due jobs one at a time until none is due, as EngineTestSupport.runDueJobs does; when only the run-action's
     * poll timer is left, it waits (polling our table every 0.2 ms, bounded) for the tracked work to end and fires it.
     */
    private int drive() {
        int ran = 0;
        for (int round = 0; round < 1000; round++) {
            List<Job> due = management.createJobQuery().executable().listPage(0, 1);
            if (due.isEmpty()) {
                long waiting = System.nanoTime();
                due = pollTimersOfEndedWork();
                count("(waiting for the tracked work to end)", waiting);
            }
            if (due.isEmpty()) {
                return ran;
            }
            long running = System.nanoTime();
            management.executeJob(due.get(0).getId());
            long took = System.nanoTime() - running;
            if (measuring) {
                spent.merge(due.get(0).getProcessDefinitionKey() + ":" + activityOf(due.get(0)), took, Long::sum);
            }
            ran++;
        }
        throw new AssertionError("jobs keep coming after 1000 runs");
    }

    private void count(String what, long since) {
        if (measuring) {
            spent.merge(what, System.nanoTime() - since, Long::sum);
        }
    }

    private final Map<String, String> activities = new java.util.HashMap<>();

    private String activityOf(Job job) {
        return activities.computeIfAbsent(job.getJobDefinitionId(), id -> management.createJobDefinitionQuery()
                .jobDefinitionId(id).singleResult().getActivityId());
    }

    private List<Job> pollTimersOfEndedWork() {
        List<Job> polls = management.createJobQuery().activityId("Timer_WaitForAction").listPage(0, 1);
        if (polls.isEmpty()) {
            return polls;
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (jdbc.queryForObject("select count(*) from ro_background_work where state in ('PENDING', 'RUNNING')",
                Integer.class) > 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("tracked work still running after 60 s");
            }
            LockSupport.parkNanos(200_000);
        }
        return polls;
    }

    /** Successful jobs in the job log, by process definition key and activity. */
    private Map<String, Long> jobLog() {
        Map<String, Long> counts = new TreeMap<>();
        for (HistoricJobLog entry : history.createHistoricJobLogQuery().successLog().list()) {
            counts.merge(entry.getProcessDefinitionKey() + ":" + entry.getActivityId(), 1L, Long::sum);
        }
        return counts;
    }

    private static Map<String, Long> difference(Map<String, Long> after, Map<String, Long> before) {
        Map<String, Long> difference = new TreeMap<>();
        after.forEach((key, count) -> {
            long added = count - before.getOrDefault(key, 0L);
            if (added > 0) {
                difference.put(key, added);
            }
        });
        return difference;
    }

    /** A process of {@code tasks} asyncBefore service tasks that do nothing but evaluate {@code ${true}}. */
    static BpmnModelInstance bareProcess(int tasks) {
        AbstractFlowNodeBuilder<?, ?> flow = Bpmn.createExecutableProcess(BARE).camundaHistoryTimeToLive(1)
                .startEvent("StartEvent_Bare");
        for (int i = 1; i <= tasks; i++) {
            flow = flow.serviceTask("Task_Bare" + i).camundaAsyncBefore().camundaExpression("${true}");
        }
        return flow.endEvent("EndEvent_Bare").done();
    }

    private String databaseProduct() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            DatabaseMetaData metadata = connection.getMetaData();
            return metadata.getDatabaseProductName() + " " + metadata.getDatabaseProductVersion() + " ("
                    + metadata.getURL().replaceAll("\\?.*", "") + ")";
        }
    }

    private static double seconds(long[] nanos) {
        return Arrays.stream(nanos).sum() / 1e9;
    }

    private static double percentile(long[] nanos, int percent) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, index)] / 1e6;
    }

    private static int intEnv(String name, int fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
    }

    private record Run(long nanos, int jobs) {
    }
}
