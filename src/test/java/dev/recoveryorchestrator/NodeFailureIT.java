package dev.recoveryorchestrator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.recoveryorchestrator.TestHttp.Response;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The orchestrator survives its own failures, with real processes (docs/operations.md, "Failover"): two nodes, each
 * a JVM of its own ({@link OrchestratorProcess}), on one fresh PostgreSQL database, job executors and health
 * monitors on; the target is the stand-in backend, a process this test starts and breaks (its fault file) and that
 * the configured restart repairs only when the test says so; mail goes to a GreenMail server that this test stops
 * and starts; the nodes reach the database through a relay the test can cut ({@link DatabaseCut}).
 * <p>
 * The nodes are started once, side by side, and shared. The scenarios run in an order that restarts few nodes (the
 * ones that kill a node come where the next needs it dead or stopped), but none depends on another: before each,
 * whatever an earlier one left is put right as an operator would (an incident left open is closed through the API,
 * the database and mail server are back), and each starts the nodes it needs. Escalation tiers are seconds apart here (the production figures are minutes); everything
 * else about timers and jobs is the application's own configuration. Lateness of timers is printed, not asserted:
 * the machine is shared, and the bound of docs/operations.md holds for an unloaded node.
 * <p>
 * The restart action is {@code sh -c ...}: it appends a line to a counter file (each execution counts), sleeps a few
 * seconds (a restart that takes time), and removes the stand-in's fault file only when the switch file
 * {@code restart-fixes} exists.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NodeFailureIT {

    @RegisterExtension
    static final TestPostgres postgres = new TestPostgres();

    static final Duration START = Duration.ofSeconds(240);
    /** The job lock of these nodes (production: 5 min). */
    static final Duration LOCK = Duration.ofSeconds(10);
    /** The tiers' "after", in seconds from the opening: devops, backend, it, cto. */
    static final Map<String, Duration> TIERS = new LinkedHashMap<>(Map.of());
    static final String OPEN_BACKEND_DOWN =
            "{\"type\":\"backend-api-down\",\"scope\":\"whole\",\"summary\":\"/api/health 응답 없음\",\"source\":\"manual\"}";
    static final Path WORK = TestEnvironment.tempFolder("node-failure");
    static final Path STANDIN_DIR = WORK.resolve("standin");
    static final Path FAULT = STANDIN_DIR.resolve("fault");
    static final Path RESTART_FIXES = WORK.resolve("restart-fixes");
    static final Path RESTARTS = WORK.resolve("restarts");
    static final int STANDIN_PORT = TestEnvironment.freePort();
    static final int MAIL_PORT = TestEnvironment.freePort();
    /** How long the restart action takes. */
    static final int RESTART_SECONDS = 5;

    static {
        TIERS.put("devops", Duration.ZERO);
        TIERS.put("backend", Duration.ofSeconds(10));
        TIERS.put("it", Duration.ofSeconds(14));
        TIERS.put("cto", Duration.ofSeconds(18));
    }

    static JdbcTemplate jdbc;
    static DatabaseCut database;
    static GreenMail mail;
    static Process standin;
    static OrchestratorProcess nodeA;
    static OrchestratorProcess nodeB;

    @BeforeAll
    static void startEverything() throws Exception {
        // A node killed while it sends a mail leaves GreenMail's handler thread failing on the broken connection: that
        // is the kill, not a failure of the test (Awaitility would otherwise fail the next await with it).
        org.awaitility.Awaitility.doNotCatchUncaughtExceptionsByDefault();
        jdbc = new JdbcTemplate(postgres.dataSource());
        database = new DatabaseCut("127.0.0.1", Integer.parseInt(postgres.jdbcUrl()
                .replaceFirst("^jdbc:postgresql://[^:/]+:?(\\d*)/.*$", "$1").transform(p -> p.isEmpty() ? "5432" : p)));
        startMail();
        Files.createDirectories(STANDIN_DIR);
        standin = new ProcessBuilder(OrchestratorProcess.javaExecutable(), "-Xmx64m", "-cp",
                OrchestratorProcess.applicationClassPath(), "dev.recoveryorchestrator.standin.StandinServer",
                "--port", String.valueOf(STANDIN_PORT), "--log-file", STANDIN_DIR.resolve("backend.log").toString(),
                "--fault-file", FAULT.toString(), "--parent-pid", String.valueOf(ProcessHandle.current().pid()))
                .redirectErrorStream(true).redirectOutput(Redirect.appendTo(WORK.resolve("standin.out").toFile())).start();
        nodeA = node("node-a");
        nodeB = node("node-b");
        System.out.println("NodeFailureIT: logs and folders in " + WORK);
        // Two nodes creating the schema of an empty database at once collide: node B starts once node A has created
        // it (the engine's tables and processes, then the application's migrations), and both finish starting side
        // by side.
        nodeA.start();
        awaitSchema(nodeA);
        nodeB.start();
        nodeA.awaitReady(START);
        nodeB.awaitReady(START);
        await().atMost(Duration.ofSeconds(30)).until(() -> TestHttp.on(STANDIN_PORT).get("/api/health").status() == 200);
    }

    /**
     * Waits until {@code node} has created the schema of the empty database: the engine has deployed the processes
     * and every migration of the application has been applied. Fails at once if the node exits.
     */
    private static void awaitSchema(OrchestratorProcess node) throws Exception {
        long migrations;
        try (var files = Files.list(Path.of("target", "classes", "db", "migration"))) {
            migrations = files.filter(file -> file.getFileName().toString().matches("V.*\\.sql")).count();
        }
        Instant until = Instant.now().plus(START);
        while (Instant.now().isBefore(until)) {
            if (!node.alive()) {
                throw new AssertionError(node.name() + " exited while starting:\n" + node.logTail(60));
            }
            try {
                if (jdbc.queryForObject("select count(*) from act_re_deployment", Integer.class) > 0
                        && jdbc.queryForObject("select count(*) from ro_schema_history where success and type <> 'BASELINE'",
                        Long.class) >= migrations) {
                    return;
                }
            } catch (org.springframework.dao.DataAccessException notYet) {
                // the tables are not there yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError(node.name() + " did not create the schema within " + START + ":\n" + node.logTail(60));
    }

    @AfterAll
    static void stopEverything() throws Exception {
        for (OrchestratorProcess node : new OrchestratorProcess[] {nodeA, nodeB}) {
            if (node != null) {
                node.stop();
                System.out.println("----- " + node.name() + " log: " + node.log() + ", its end:\n" + node.logTail(40));
            }
        }
        if (standin != null) {
            standin.destroyForcibly();
        }
        if (mail != null) {
            mail.stop();
        }
        if (database != null) {
            database.close();
        }
    }

    /**
     * What an operator finds after an earlier scenario, whatever became of it: the database and the mail server back,
     * the target healthy, at least one node running, and every incident still open closed through the API (as an
     * admin would close a leftover), so that no scenario waits on what another left behind. Each scenario starts the
     * nodes it needs ({@link #ensureRunning}); the one alone on the database stops the other.
     */
    @BeforeEach
    void nothingLeftOver(TestInfo test) throws Exception {
        started = Instant.now();
        System.out.println("===== " + test.getDisplayName() + " at " + started);
        database.restore();
        if (!mail.isRunning()) {
            startMail();
        }
        Files.deleteIfExists(FAULT);
        Files.deleteIfExists(RESTART_FIXES);
        OrchestratorProcess operator = nodeA.alive() ? nodeA : nodeB;
        ensureRunning(operator);
        for (String id : jdbc.queryForList("select id from ro_incident where state = 'OPEN'", String.class)) {
            Response closed = admin(operator).post("/api/incidents/" + id + "/close",
                    "{\"reason\":\"left open by an earlier scenario\"}");
            System.out.println("closed leftover incident " + id + ": " + closed.status() + " " + closed.body());
        }
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> openIncidents() == 0);
        // A restart left running by a node killed before is adopted or ends LOST within stale-after; count afresh.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> jdbc.queryForObject(
                "select count(*) from ro_background_work where ended_at is null", Integer.class) == 0);
        Files.deleteIfExists(RESTARTS);
        mail.purgeEmailFromAllMailboxes();
    }

    private static Instant started;

    /** How long the scenario took, and, when it left an incident open, what its lifecycle waits on (to find why). */
    @AfterEach
    void report(TestInfo test) {
        System.out.printf("===== %s took %d s%n", test.getDisplayName(), Duration.between(started, Instant.now()).toSeconds());
        List<String> open = jdbc.queryForList("select id || ' ' || coalesce(process_instance_id, '-') from ro_incident"
                + " where state = 'OPEN'", String.class);
        if (!open.isEmpty()) {
            System.out.println("left open: " + open);
            System.out.println("jobs: " + jdbc.queryForList("""
                    select j.id_, j.type_, j.handler_type_, j.duedate_, j.lock_owner_, j.lock_exp_time_, j.retries_,
                           j.exception_msg_, e.act_id_
                    from act_ru_job j left join act_ru_execution e on e.id_ = j.execution_id_"""));
            System.out.println("activities: " + jdbc.queryForList(
                    "select proc_inst_id_, act_id_, is_active_ from act_ru_execution where act_id_ is not null"));
            System.out.println("background work: " + jdbc.queryForList(
                    "select id, reference, state, node_id, adopted_by, detail from ro_background_work where ended_at is null"));
            for (OrchestratorProcess node : List.of(nodeA, nodeB)) {
                System.out.println("----- " + node.name() + (node.alive() ? " (running)" : " (not running)") + ":\n"
                        + node.logTail(30));
            }
        }
    }

    /**
     * Node A opens the incident and is killed (SIGKILL) while the incident waits on its escalation timers; node B
     * fires every later tier, each exactly once, and the incident ends RECOVERED when the target answers again.
     */
    @Test
    @Order(1)
    void theSurvivorFiresEveryLaterTierOnceWhenANodeIsKilled() throws Exception {
        ensureRunning(nodeA, nodeB);
        String id = openIncidentThrough(nodeA);
        String lifecycle = lifecycleOf(id);
        Instant openedAt = openedAt(id);
        // Waiting on its tier timers: each tier's timer has begun (not its task: on a loaded machine the first task can
        // come after the second tier is due).
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> jdbc.queryForObject(
                "select count(*) from act_hi_actinst where root_proc_inst_id_ = ? and act_id_ = 'Timer_TierDue'",
                Integer.class, lifecycle) == TIERS.size());

        Instant killedAt = Instant.now();
        assertThat(nodeA.kill()).as("node A ended by SIGKILL").isEqualTo(OrchestratorProcess.KILLED);

        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .until(() -> tierTasks(lifecycle).keySet().containsAll(TIERS.keySet()));
        heal(id);
        awaitState(nodeB, id, "RECOVERED");

        Map<String, List<Instant>> tasks = tierTasks(lifecycle);
        assertThat(tasks).as("one task per tier").allSatisfy((tier, created) -> assertThat(created).hasSize(1));
        List<Map<String, Object>> fired = jdbc.queryForList("""
                select hostname_, timestamp_ from act_hi_job_log
                where root_proc_inst_id_ = ? and act_id_ = 'Timer_TierDue' and job_state_ = 2 order by timestamp_
                """, lifecycle);
        assertThat(fired).as("each tier timer fired once").hasSize(TIERS.size());
        List<Object> firedAfterTheKill = fired.stream()
                .filter(row -> ((Timestamp) row.get("timestamp_")).toInstant().isAfter(killedAt))
                .map(row -> row.get("hostname_")).toList();
        // The last tier is due well after the kill (every timer had begun); how many came before it is the machine's.
        assertThat(firedAfterTheKill).as("the tier timers after the kill fired on node B: " + fired).isNotEmpty()
                .containsOnly("node-b");
        tasks.forEach((tier, created) -> System.out.printf("timer failover: tier %s due %s, its task created %s: %d ms"
                + " late (killed %s; bound after a death: lock time + 2 s = %d ms)%n", tier,
                openedAt.plus(TIERS.get(tier)), created.get(0),
                Duration.between(openedAt.plus(TIERS.get(tier)), created.get(0)).toMillis(), killedAt,
                LOCK.plusSeconds(2).toMillis()));
        assertThat(openIncidents()).isZero();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(mailsAbout(id))
                .filteredOn(subject -> subject.startsWith("[에스컬레이션")).hasSize(TIERS.size()));
        assertThat(mailsAbout(id)).as("each tier's mail once").doesNotHaveDuplicates();
    }

    /**
     * One node alone: killed (SIGKILL) while its incident waits on escalation timers, started again on the same
     * database, it goes on with the same incident (later tiers fire, once each); its monitor, still seeing the failure,
     * opens no second one.
     */
    @Test
    @Order(2)
    void aSingleNodeKilledAndStartedAgainGoesOnWithTheSameIncident() throws Exception {
        ensureRunning(nodeB);
        nodeA.stop();
        List<String> before = incidentIds();
        String id = openIncidentThrough(nodeB);
        String lifecycle = lifecycleOf(id);
        await().atMost(Duration.ofSeconds(60)).until(() -> tierTasks(lifecycle).containsKey("devops"));

        assertThat(nodeB.kill()).as("node B ended by SIGKILL").isEqualTo(OrchestratorProcess.KILLED);
        nodeB.start();
        nodeB.awaitReady(START);

        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .until(() -> tierTasks(lifecycle).keySet().containsAll(TIERS.keySet()));
        heal(id);
        awaitState(nodeB, id, "RECOVERED");
        assertThat(tierTasks(lifecycle)).as("one task per tier").allSatisfy((tier, created) -> assertThat(created).hasSize(1));
        List<String> opened = new ArrayList<>(incidentIds());
        opened.removeAll(before);
        assertThat(opened).as("no second incident").containsExactly(id);
    }

    /**
     * The node that runs a restart (a tracked action of a few seconds) is killed with SIGKILL in the middle of it.
     * Its process lives on; the survivor adopts it (same host) or, where it cannot, the work ends LOST and a person is
     * asked. The restart runs exactly once (its counter file has one line) and the incident ends.
     */
    @Test
    @Order(7)
    void aRestartWhoseNodeIsKilledRunsOnceAndTheIncidentEnds() throws Exception {
        ensureRunning(nodeA, nodeB);
        Files.writeString(RESTART_FIXES, "");
        String id = openIncidentThrough(nodeA);
        Map<String, Object> work = await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100))
                .until(() -> jdbc.queryForList("select * from ro_background_work where reference = ? and state = 'RUNNING'"
                        + " and pid is not null", id), rows -> !rows.isEmpty()).get(0);
        long runner = Long.parseLong(((String) work.get("node_id")).split("/")[1]);
        OrchestratorProcess running = runner == nodeA.pid() ? nodeA : nodeB;
        OrchestratorProcess survivor = running == nodeA ? nodeB : nodeA;
        assertThat(runner).as("the work runs on one of the two nodes").isEqualTo(running.pid());

        assertThat(running.kill()).as(running.name() + " ended by SIGKILL").isEqualTo(OrchestratorProcess.KILLED);
        long step = ((Number) work.get("pid")).longValue();
        System.out.printf("kill mid-action: killed %s while it ran restart pid %d; that process %s after the kill%n",
                running.name(), step, ProcessHandle.of(step).map(p -> p.isAlive() ? "still runs" : "ended")
                        .orElse("ended"));

        awaitState(survivor, id, "RECOVERED");
        Map<String, Object> ended = await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .until(() -> jdbc.queryForMap("select * from ro_background_work where id = ?", work.get("id")),
                        row -> row.get("ended_at") != null);
        System.out.printf("kill mid-action: work %s ended %s, adopted by %s: %s%n", ended.get("id"), ended.get("state"),
                ended.get("adopted_by"), ended.get("detail"));
        assertThat(ended.get("adopted_by") != null || "LOST".equals(ended.get("state")))
                .as("adopted by the survivor, or LOST for a person to judge: " + ended).isTrue();
        if (ended.get("adopted_by") != null) {
            assertThat((String) ended.get("adopted_by")).startsWith(ended.get("host_id") + "/" + survivor.pid() + "/");
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> ProcessHandle.of(step).map(p -> !p.isAlive()).orElse(true));
        assertThat(Files.readAllLines(RESTARTS)).as("the restart ran once").containsExactly("run");
        assertThat(jdbc.queryForObject("select count(*) from ro_background_work where reference = ?", Integer.class, id))
                .as("no second work for the same restart").isOne();
    }

    /** 100 identical incident requests and 100 identical alerts at once, alternating between the nodes: one incident. */
    @Test
    @Order(4)
    void twoHundredIdenticalRequestsOverBothNodesOpenOneIncident() throws Exception {
        ensureRunning(nodeA, nodeB);
        List<String> before = incidentIds();
        Files.writeString(FAULT, "");
        String alert = "{\"version\":\"4\",\"status\":\"firing\",\"alerts\":[{\"status\":\"firing\",\"labels\":"
                + "{\"alertname\":\"BackendDown\",\"severity\":\"critical\"},\"annotations\":{\"summary\":\"down\"},"
                + "\"fingerprint\":\"node-failure-backend-down\",\"startsAt\":\"" + Instant.now() + "\"}]}";
        List<java.util.concurrent.Callable<Response>> requests = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            OrchestratorProcess node = i % 4 < 2 ? nodeA : nodeB;
            requests.add(i % 2 == 0 ? () -> admin(node).post("/api/incidents", OPEN_BACKEND_DOWN)
                    : () -> TestHttp.on(node.port()).post("/api/alerts/alertmanager", alert));
        }
        List<Response> responses = all(requests, 32);

        assertThat(responses).extracting(Response::status).as(bodies(responses)).allMatch(status -> status / 100 == 2);
        List<String> opened = new ArrayList<>(incidentIds());
        opened.removeAll(before);
        assertThat(opened).as("one incident").hasSize(1);
        assertThat(responses.stream().filter(r -> r.json().has("id")).map(r -> r.json().get("id").asText()).distinct())
                .as("every incident request answered with that incident").containsExactly(opened.get(0));
        heal(opened.get(0));
        awaitState(nodeA, opened.get(0), "RECOVERED");
    }

    /**
     * The mail server is down while an incident opens, escalates and recovers: the incident recovers all the same;
     * when the server is back every mail of the incident arrives, each exactly once.
     */
    @Test
    @Order(5)
    void mailsHeldBackByAMailOutageArriveOnceWhenItEnds() throws Exception {
        ensureRunning(nodeA, nodeB);
        mail.stop();
        String id = openIncidentThrough(nodeA);
        String lifecycle = lifecycleOf(id);
        await().atMost(Duration.ofSeconds(90)).until(() -> tierTasks(lifecycle).containsKey("backend"));
        heal(id);
        awaitState(nodeB, id, "RECOVERED");
        assertThat(mail.isRunning()).as("recovered while the mail server was down").isFalse();

        startMail();
        List<String> expected = List.of("[장애 발생]", "[에스컬레이션: devops tier]", "[에스컬레이션: backend tier]", "[복구 완료]");
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                assertThat(expected).allSatisfy(prefix -> assertThat(mailsAbout(id)).anyMatch(m -> m.startsWith(prefix))));
        // Three more retry rounds (recovery.retries.mail, 2 s apart): a mail sent twice would have arrived by now.
        Thread.sleep(6000);
        List<String> mails = mailsAbout(id);
        System.out.println("mail outage: received " + mails);
        assertThat(mails).as("each mail once").doesNotHaveDuplicates();
    }

    /**
     * The database goes away for 10 s while an incident waits on its tiers (the relay closes every connection and
     * refuses new ones): requests meanwhile get 503 with Retry-After, readiness is DOWN; afterwards both nodes are
     * ready again by themselves, the incident goes on (its later tiers fire) and ends, nothing accepted is lost and no
     * job is left failed.
     */
    @Test
    @Order(6)
    void bothNodesCarryOnAfterTheDatabaseWasAwayForTenSeconds() throws Exception {
        ensureRunning(nodeA, nodeB);
        String id = openIncidentThrough(nodeA);
        String lifecycle = lifecycleOf(id);
        await().atMost(Duration.ofSeconds(60)).until(() -> tierTasks(lifecycle).containsKey("devops"));
        List<String> accepted = new ArrayList<>(List.of(id));

        database.cut();
        Instant cutAt = Instant.now();
        List<String> answers = new ArrayList<>();
        boolean[] readinessDown = new boolean[2];
        try {
            duringTheCut(cutAt, answers, accepted, readinessDown);
        } finally {
            database.restore();
        }
        System.out.println("database cut: answers during the cut " + answers);
        assertThat(answers).as("requests were refused during the cut").anyMatch(answer -> answer.contains(" 503 "));
        assertThat(readinessDown).as("readiness DOWN during the cut, node A and node B").containsExactly(true, true);

        for (OrchestratorProcess node : List.of(nodeA, nodeB)) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                    assertThat(raw(node, "GET", "/actuator/health/readiness", null).status()).isEqualTo(200));
            assertThat(node.alive()).isTrue();
        }
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .until(() -> tierTasks(lifecycle).keySet().containsAll(TIERS.keySet()));
        heal(id);
        awaitState(nodeB, id, "RECOVERED");
        assertThat(incidentIds()).as("everything accepted is stored").containsAll(accepted);
        assertThat(tierTasks(lifecycle)).as("one task per tier").allSatisfy((tier, created) -> assertThat(created).hasSize(1));
        assertThat(jdbc.queryForList("select id_ || ' ' || coalesce(exception_msg_, '') from act_ru_job where retries_ = 0",
                String.class)).as("no job left failed").isEmpty();
        assertThat(jdbc.queryForList("select incident_msg_ from act_ru_incident", String.class))
                .as("no engine incident").isEmpty();
    }

    /** Requests to both nodes for 10 s from {@code cutAt}: each is refused with 503 and Retry-After, or stored. */
    private static void duringTheCut(Instant cutAt, List<String> answers, List<String> accepted, boolean[] readinessDown)
            throws IOException {
        while (Duration.between(cutAt, Instant.now()).toSeconds() < 10) {
            for (int n = 0; n < 2; n++) {
                OrchestratorProcess node = n == 0 ? nodeA : nodeB;
                Raw opened = raw(node, "POST", "/api/incidents", OPEN_BACKEND_DOWN);
                answers.add(node.name() + " " + opened);
                if (opened.status() / 100 == 2) {
                    accepted.add(JSON.readTree(opened.body()).get("id").asText());
                } else {
                    assertThat(opened.status()).as(opened.toString()).isEqualTo(503);
                    assertThat(opened.retryAfter()).as(opened.toString()).isNotNull();
                }
                Raw readiness = raw(node, "GET", "/actuator/health/readiness", null);
                readinessDown[n] |= readiness.status() == 503;
            }
        }
    }

    /**
     * A node started while the database is unreachable does not exit: it says in its log why it waits, answers its
     * readiness probe DOWN (liveness UP), tries again, and starts once the database answers.
     */
    @Test
    @Order(3)
    void aNodeStartedWithoutItsDatabaseWaitsForIt() throws Exception {
        nodeA.stop();
        database.cut();
        int logged = nodeA.logText().length();
        nodeA.start();
        // A node that gave up on the database exits: that ends the wait at once, with its log, not after 2 minutes.
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .failFast(() -> {
                    if (!nodeA.alive()) {
                        throw new AssertionError("node A exited instead of waiting for the database:\n" + nodeA.logTail(20));
                    }
                })
                .until(() -> count(nodeA.logText().substring(logged), "Waiting for the database") >= 2);
        Raw readiness = raw(nodeA, "GET", "/actuator/health/readiness", null);
        Raw liveness = raw(nodeA, "GET", "/actuator/health/liveness", null);
        assertThat(nodeA.alive()).as("waiting, not exited").isTrue();
        assertThat(readiness.status()).as(readiness.toString()).isEqualTo(503);
        assertThat(readiness.body()).contains("\"status\":\"DOWN\"", "waiting for the database");
        assertThat(liveness.status()).as(liveness.toString()).isEqualTo(200);
        assertThat(nodeA.logText().substring(logged)).contains("Waiting for the database at jdbc:postgresql://127.0.0.1:"
                + database.port() + "/");

        database.restore();
        nodeA.awaitReady(START);
        assertThat(admin(nodeA).get("/api/incidents?state=open").status()).isEqualTo(200);
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();
    private static final java.net.http.HttpClient CLIENT = java.net.http.HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** A request as admin, with its Retry-After; a request that gets no answer within 30 s is status 0. */
    private static Raw raw(OrchestratorProcess node, String method, String path, String json) {
        java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + node.port() + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString("admin:admin".getBytes()))
                .header("Content-Type", "application/json")
                .method(method, json == null ? java.net.http.HttpRequest.BodyPublishers.noBody()
                        : java.net.http.HttpRequest.BodyPublishers.ofString(json));
        try {
            java.net.http.HttpResponse<String> response = CLIENT.send(request.build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            return new Raw(response.statusCode(), response.headers().firstValue("Retry-After").orElse(null),
                    response.body());
        } catch (IOException e) {
            return new Raw(0, null, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private record Raw(int status, String retryAfter, String body) {
        @Override
        public String toString() {
            return status + " (Retry-After " + retryAfter + ") " + (body.length() > 300 ? body.substring(0, 300) : body);
        }
    }

    private static int count(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }

    private static List<String> incidentIds() {
        return jdbc.queryForList("select id from ro_incident", String.class);
    }

    /** Starts the nodes that do not run (side by side) and waits until each given node is ready. */
    private static void ensureRunning(OrchestratorProcess... nodes) throws InterruptedException {
        for (OrchestratorProcess node : nodes) {
            if (!node.alive()) {
                node.start();
            }
        }
        for (OrchestratorProcess node : nodes) {
            node.awaitReady(START);
        }
    }

    private static List<Response> all(List<java.util.concurrent.Callable<Response>> requests, int threads)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Response>> futures = new ArrayList<>();
            for (java.util.concurrent.Callable<Response> request : requests) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return request.call();
                }));
            }
            start.countDown();
            List<Response> responses = new ArrayList<>();
            for (Future<Response> future : futures) {
                responses.add(future.get(120, TimeUnit.SECONDS));
            }
            return responses;
        } finally {
            pool.shutdownNow();
        }
    }

    private static String bodies(List<Response> responses) {
        return responses.stream().filter(r -> r.status() / 100 != 2).map(r -> r.status() + " " + r.body()).toList()
                .toString();
    }

    private static String openIncidentThrough(OrchestratorProcess node) throws IOException {
        Files.writeString(FAULT, "");
        Response opened = admin(node).post("/api/incidents", OPEN_BACKEND_DOWN);
        assertThat(opened.status()).as(opened.body()).isIn(200, 201);
        return opened.json().get("id").asText();
    }

    /**
     * The target answers again, once the incident's runbook has seen it fail: an incident whose failure the
     * orchestrator never saw is not recovered by the service answering (a person triages it), so healing it before
     * would test a different path, depending on how fast the node got to its diagnosis.
     */
    private static void heal(String id) throws IOException {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).until(() -> jdbc.queryForObject(
                "select symptom_confirmed_at is not null from ro_incident where id = ?", Boolean.class, id));
        Files.delete(FAULT);
    }

    private static String lifecycleOf(String id) {
        return jdbc.queryForObject("select process_instance_id from ro_incident where id = ?", String.class, id);
    }

    private static Instant openedAt(String id) {
        return jdbc.queryForObject("select opened_at from ro_incident where id = ?", Timestamp.class, id).toInstant();
    }

    private static int openIncidents() {
        return jdbc.queryForObject("select count(*) from ro_incident where state = 'OPEN'", Integer.class);
    }

    /** The escalation tasks of a lifecycle by tier group, each with the time it was created. */
    private static Map<String, List<Instant>> tierTasks(String lifecycle) {
        Map<String, List<Instant>> tasks = new TreeMap<>();
        jdbc.query("""
                select distinct l.group_id_ as tier, t.id_ as task, t.start_time_ as created
                from act_hi_taskinst t join act_hi_identitylink l on l.task_id_ = t.id_
                where t.root_proc_inst_id_ = ? and l.type_ = 'candidate' and l.group_id_ is not null
                  and t.task_def_key_ in ('UserTask_TierResponse', 'UserTask_DecideExternalSupport')
                """, row -> {
            tasks.computeIfAbsent(row.getString("tier"), k -> new ArrayList<>())
                    .add(row.getTimestamp("created").toInstant());
        }, lifecycle);
        return tasks;
    }

    private static void awaitState(OrchestratorProcess node, String id, String state) {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(admin(node).get("/api/incidents/" + id).json().get("state").asText()).isEqualTo(state));
    }

    /**
     * The mails about an incident, as subject and recipients, one per mail sent: GreenMail keeps a copy per recipient,
     * folded here by Message-ID (each send gets a new one, so a mail sent twice shows twice).
     */
    private static List<String> mailsAbout(String id) {
        String shortId = dev.recoveryorchestrator.incident.Incident.shortId(id);
        Map<String, String> byMessageId = new LinkedHashMap<>();
        for (MimeMessage message : mail.getReceivedMessages()) {
            try {
                byMessageId.putIfAbsent(message.getMessageID(), subjectAndRecipients(message));
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        return byMessageId.values().stream().filter(subject -> subject.contains(shortId)).toList();
    }

    private static String subjectAndRecipients(MimeMessage message) {
        try {
            return message.getSubject() + " -> " + Arrays.stream(message.getAllRecipients()).map(Address::toString)
                    .sorted().collect(Collectors.joining(","));
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    static TestHttp admin(OrchestratorProcess node) {
        return TestHttp.on(node.port()).as("admin", "admin");
    }

    static void startMail() {
        mail = new PromptGreenMail(new ServerSetup(MAIL_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
    }

    /** A node of the demo configuration on the fresh database, with the test's target, mail server and tiers. */
    static OrchestratorProcess node(String name) {
        Path home = WORK.resolve(name);
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("server.address", "127.0.0.1");
        settings.put("spring.main.banner-mode", "off");
        settings.put("spring.datasource.url", database.through(postgres.jdbcUrl()));
        settings.put("spring.datasource.username", postgres.username());
        settings.put("spring.datasource.password", postgres.password());
        settings.put("spring.mail.host", "127.0.0.1");
        settings.put("spring.mail.port", String.valueOf(MAIL_PORT));
        for (String timeout : List.of("connectiontimeout", "timeout", "writetimeout")) {
            settings.put("spring.mail.properties[mail.smtp." + timeout + "]", "3000");
        }
        // The engine's host name is what the job log records for each job: which node ran it.
        settings.put("camunda.bpm.generic-properties.properties.hostname", name);
        settings.put("recovery.standin.enabled", "false");
        settings.put("recovery.standin.port", String.valueOf(STANDIN_PORT));
        settings.put("recovery.standin.dir", STANDIN_DIR.toString());
        settings.put("recovery.lifecycle.snapshot-dir", home.resolve("snapshots").toString());
        settings.put("recovery.lifecycle.watch-interval", "PT1S");
        settings.put("recovery.lifecycle.watch-passes", "2");
        settings.put("recovery.background-work.dir", home.resolve("background-work").toString());
        settings.put("recovery.background-work.heartbeat", "PT0.5S");
        settings.put("recovery.background-work.stale-after", "PT3S");
        settings.put("recovery.reports-dir", home.resolve("incident_reports").toString());
        settings.put("recovery.monitor.interval", "PT0.5S");
        settings.put("recovery.monitor.checks[0].name", "health");
        settings.put("recovery.monitor.checks[0].kind", "health");
        settings.put("recovery.monitor.checks[0].opens", "backend-api-down");
        settings.put("recovery.monitor.checks[0].summary", "/api/health 응답 없음");
        settings.put("recovery.monitor.checks[0].disrupted-by[0]", "restart-backend");
        settings.put("recovery.runbook.automatic-attempts.per-type-per-hour", "100");
        settings.put("recovery.health-check.after-action.attempts", "3");
        settings.put("recovery.health-check.after-action.interval", "PT0.5S");
        settings.put("recovery.retries.mail", "R60/PT2S");
        settings.put("recovery.run-action.poll-interval", "PT1S");
        // A job lock of 20 s instead of 5 min, so that what waits for the lock of a killed node (every job of a
        // process instance in which it held one: Camunda runs them one at a time) waits seconds, not minutes.
        // Everything a job runs inline must then end within half of it, or the node refuses to start.
        settings.put("camunda.bpm.job-execution.lock-time-in-millis", String.valueOf(LOCK.toMillis()));
        settings.put("recovery.commands.inline-limit", LOCK.dividedBy(2).toString());
        for (String action : List.of("check-backend-process", "check-model-load", "check-retrained-model-load",
                "container-logs", "container-ports", "network-route-table", "network-firewall-iptables",
                "network-firewall-ufw")) {
            settings.put("recovery.actions." + action + ".timeout", "PT1S");
        }
        settings.put("recovery.actions.container-ports.timeout", "PT0.5S");
        settings.put("recovery.runbook.container-failure.kill-grace", "PT0.2S");
        settings.put("recovery.runbook.database-unreachable.copy-limit", "PT2S");
        settings.put("recovery.inspection.backup-limit", "PT2S");
        settings.put("recovery.inspection.manifest-limit", "PT2S");
        settings.put("recovery.inspection.restore-limit", "PT2S");
        settings.put("recovery.health-check.timeout", "PT1S");
        settings.put("recovery.health-check.verify.attempts", "2");
        settings.put("recovery.health-check.verify.interval", "PT0.5S");
        settings.put("recovery.background-work.kill-grace", "PT1S");
        settings.put("recovery.database.start-retry-interval", "PT1S");
        // A list given here replaces the configured one whole: every field of every tier.
        List<String> groups = new ArrayList<>(TIERS.keySet());
        for (int i = 0; i < groups.size(); i++) {
            String tier = "recovery.escalation.tiers[" + i + "].";
            settings.put(tier + "group", groups.get(i));
            settings.put(tier + "after", TIERS.get(groups.get(i)).toString());
            settings.put(tier + "name", groups.get(i) + " tier");
            settings.put(tier + "task", groups.get(i) + " task");
            settings.put(tier + "ask", "please help, " + groups.get(i));
        }
        String restart = "recovery.actions.restart-backend";
        settings.put(restart + ".tracked", "true");
        settings.put(restart + ".timeout", "PT60S");
        settings.put(restart + ".steps[0].command[0]", "sh");
        settings.put(restart + ".steps[0].command[1]", "-c");
        settings.put(restart + ".steps[0].command[2]", "echo run >> \"$1\"; sleep " + RESTART_SECONDS
                + "; if [ -e \"$2\" ]; then rm -f \"$3\"; fi; echo restarted");
        settings.put(restart + ".steps[0].command[3]", "sh");
        settings.put(restart + ".steps[0].command[4]", RESTARTS.toString());
        settings.put(restart + ".steps[0].command[5]", RESTART_FIXES.toString());
        settings.put(restart + ".steps[0].command[6]", FAULT.toString());
        return new OrchestratorProcess(name, TestEnvironment.freePort(), WORK.resolve(name + ".log"), settings);
    }
}
