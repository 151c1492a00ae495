package dev.recoveryorchestrator.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.recoveryorchestrator.action.ActionSettings.Action;
import dev.recoveryorchestrator.action.ActionSettings.Step;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Tracked background work against a real database and real OS processes; each database runs the same contract
 * ({@link BackgroundWorkTest} on H2, {@link BackgroundWorkPostgresTest} on PostgreSQL). Every process a test starts
 * carries a token of its own and is ended afterwards.
 */
abstract class BackgroundWorkContract {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Instant LONG_AGO = Instant.now().minus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.MILLIS);
    private static final String GONE_NODE = "gone-host/4242/ab";

    @TempDir
    Path folder;

    private JdbcTemplate jdbc;
    private WorkStore store;
    private TransactionTemplate transaction;
    private final List<BackgroundWork> nodes = new ArrayList<>();
    private final List<ProcessHandle> started = new ArrayList<>();
    /** An argument no other process on this machine has: {@code sleep 30.<random>}. */
    private final String sleepSeconds = "30." + ThreadLocalRandom.current().nextInt(100_000, 1_000_000);
    private final Map<String, Action> actions = new LinkedHashMap<>();
    private final List<RecoveryAction> builtIns = new ArrayList<>();
    /** What the nodes published: the {@link WorkCancelled} events. */
    private final List<Object> published = new CopyOnWriteArrayList<>();

    /** The one data source of the test: the store and the transactions use it. */
    abstract DataSource dataSource();

    /** Another way to the same database: its connections never take part in the test's transactions. */
    abstract DataSource otherDataSource();

    @BeforeEach
    void connect() {
        jdbc = new JdbcTemplate(dataSource());
        store = new WorkStore(jdbc);
        transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource()));
    }

    @AfterEach
    void endEverythingStarted() {
        ProcessHandle.allProcesses()
                .filter(p -> p.info().arguments().map(Arrays::asList).orElse(List.of()).stream()
                        .anyMatch(argument -> argument.contains(sleepSeconds)))
                .forEach(started::add);
        started.forEach(ProcessHandle::destroyForcibly);
        nodes.forEach(BackgroundWork::stop);
    }

    @Test
    void runsAnActionToItsEndAndRecordsItsExitCodeAndOutput() {
        actions.put("greet", action(Duration.ofSeconds(20), run("echo", "hello from the work")));
        BackgroundWork node = node(Duration.ofSeconds(10));

        Work submitted = node.submit(owner(), "greet", "incident-1");

        Work ended = awaitEnd(node, submitted.id());
        assertThat(ended.state()).isEqualTo(WorkState.SUCCEEDED);
        assertThat(ended.exitCode()).isZero();
        assertThat(ended.nodeId()).isEqualTo(node.nodeId());
        assertThat(ended.reference()).isEqualTo("incident-1");
        assertThat(ended.outputTail()).contains("$ echo hello from the work\nhello from the work\necho: exit 0");
        assertThat(ended.outputFile()).startsWith(folder.resolve("work")).hasFileName(submitted.id() + ".log");
        assertThat(store.find(submitted.id()).orElseThrow().outputTail()).contains("hello from the work");
    }

    @Test
    void anyNodeListsTheLiveWorkOfEveryNodeAndTheWorkThatEndedSinceAGivenTime() {
        actions.put("greet", action(Duration.ofSeconds(20), run("echo", "hello")));
        actions.put("sleep", action(Duration.ofSeconds(60), run("sleep", sleepSeconds)));
        BackgroundWork node = node(Duration.ofSeconds(10));
        BackgroundWork other = node(Duration.ofSeconds(10));
        Work ended = awaitEnd(node, node.submit(owner(), "greet", null).id());
        Work sleeping = node.submit(owner(), "sleep", null);
        Work gone = goneNodeWork("another-host", null, null, Instant.now().plus(Duration.ofHours(1)));
        await().atMost(TIMEOUT).until(() -> node.find(sleeping.id()).orElseThrow().state() == WorkState.RUNNING);

        assertThat(other.liveOrEndedSince(ended.endedAt())).extracting(Work::id)
                .contains(ended.id(), sleeping.id(), gone.id());
        assertThat(other.liveOrEndedSince(ended.endedAt().plusMillis(1))).extracting(Work::id)
                .contains(sleeping.id(), gone.id()).doesNotContain(ended.id());
    }

    @Test
    void startsTheWorkOnlyOnceTheTransactionThatRecordedItHasCommitted() throws IOException {
        Path counter = folder.resolve("counter");
        actions.put("count", action(Duration.ofSeconds(20), run("sh", "-c", "echo run >> \"$1\"", "sh", counter.toString())));
        BackgroundWork node = node(Duration.ofSeconds(10));

        Work submitted = transaction.execute(status -> {
            Work work = node.submit(owner(), "count", null);
            assertThat(store.find(work.id())).get().extracting(Work::state).isEqualTo(WorkState.PENDING);
            assertThat(new WorkStore(new JdbcTemplate(otherDataSource())).find(work.id()))
                    .as("not visible outside the transaction before it commits").isEmpty();
            return work;
        });

        // Launched before the commit, the work could not have marked its (invisible) record RUNNING and would not run.
        assertThat(awaitEnd(node, submitted.id()).state()).isEqualTo(WorkState.SUCCEEDED);
        assertThat(Files.readAllLines(counter)).containsExactly("run");
    }

    @Test
    void startsNothingWhenTheTransactionThatRecordedItRollsBack() throws IOException {
        Path counter = folder.resolve("counter");
        actions.put("count", action(Duration.ofSeconds(20), run("sh", "-c", "echo run >> \"$1\"", "sh", counter.toString())));
        BackgroundWork node = node(Duration.ofSeconds(10));
        String owner = owner();

        String rolledBack = transaction.execute(status -> {
            Work work = node.submit(owner, "count", null);
            status.setRollbackOnly();
            return work.id();
        });
        Work retried = node.submit(owner, "count", null);

        assertThat(store.find(rolledBack)).isEmpty();
        assertThat(retried.id()).isNotEqualTo(rolledBack);
        assertThat(awaitEnd(node, retried.id()).state()).isEqualTo(WorkState.SUCCEEDED);
        assertThat(Files.readAllLines(counter)).as("only the retried job's work ran").containsExactly("run");
    }

    @Test
    void aSecondStartForTheSameOwnerReturnsTheFirstWorkAndStartsNothing() throws IOException {
        Path counter = folder.resolve("counter");
        actions.put("count", action(Duration.ofSeconds(20), run("sh", "-c", "echo run >> \"$1\"", "sh", counter.toString())));
        BackgroundWork node = node(Duration.ofSeconds(10));
        BackgroundWork other = node(Duration.ofSeconds(10));
        String owner = owner();

        Work first = node.submit(owner, "count", null);
        Work second = node.submit(owner, "count", null);
        Work fromAnotherNode = other.submit(owner, "count", null);

        assertThat(second.id()).isEqualTo(first.id());
        assertThat(fromAnotherNode.id()).isEqualTo(first.id());
        assertThat(awaitEnd(node, first.id()).state()).isEqualTo(WorkState.SUCCEEDED);
        assertThat(Files.readAllLines(counter)).containsExactly("run");
        assertThat(jdbc.queryForObject("select count(*) from ro_background_work where owner_key = ?", Integer.class, owner))
                .isEqualTo(1);
    }

    @Test
    void refusesAnUnknownActionAndRecordsNothing() {
        BackgroundWork node = node(Duration.ofSeconds(10));
        String owner = owner();

        for (String hostile : List.of("${x}", "#{x}", "$(id)", "; id", "../..", "a\r\nb", "a\0b", "x".repeat(100_000))) {
            assertThatThrownBy(() -> node.submit(owner, hostile, null)).isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("No action '");
        }
        assertThat(store.findByOwner(owner)).isEmpty();
    }

    @Test
    void recordsAFailedStepWithItsExitCodeAndSkipsTheLaterSteps() {
        Path marker = folder.resolve("later-step-ran");
        actions.put("fail", action(Duration.ofSeconds(20), run("sh", "-c", "echo failing; exit 3"), run("touch", marker.toString())));
        BackgroundWork node = node(Duration.ofSeconds(10));

        Work ended = awaitEnd(node, node.submit(owner(), "fail", null).id());

        assertThat(ended.state()).isEqualTo(WorkState.FAILED);
        assertThat(ended.exitCode()).isEqualTo(3);
        assertThat(ended.detail()).isEqualTo("step 1 (sh) exited 3");
        assertThat(ended.outputTail()).contains("failing");
        assertThat(marker).doesNotExist();
    }

    @Test
    void killsAStepThatPassesItsTimeoutTogetherWithItsChildren() {
        actions.put("hang", action(Duration.ofMillis(500), run("sh", "-c", "sleep \"$1\" & wait", "sh", sleepSeconds)));
        BackgroundWork node = node(Duration.ofSeconds(10));

        Work submitted = node.submit(owner(), "hang", null);
        await().atMost(TIMEOUT).until(() -> !sleeps().isEmpty() || store.find(submitted.id()).orElseThrow().state().ended());
        Work ended = awaitEnd(node, submitted.id());

        assertThat(ended.state()).isEqualTo(WorkState.TIMED_OUT);
        assertThat(ended.detail()).isEqualTo("step 1 (sh) ran past its timeout PT0.5S and was killed");
        assertThat(ended.pid()).isNotNull();
        // Ended, though maybe not yet reaped by the JVM's reaper thread: a zombie is "alive" to ProcessHandle.
        assertThat(ProcessHandle.of(ended.pid()).filter(ProcessTree::running)).isEmpty();
        assertThat(sleeps()).as("the step's child is gone too").isEmpty();
    }

    @Test
    void renewsTheHeartbeatAndTheOutputWhileTheWorkRuns() throws IOException {
        Path release = folder.resolve("release");
        actions.put("wait", action(Duration.ofSeconds(30), run("sh", "-c",
                "echo waiting; while [ ! -e \"$1\" ]; do sleep 0.05; done; echo released", "sh", release.toString())));
        BackgroundWork node = node(Duration.ofSeconds(10));
        Work submitted = node.submit(owner(), "wait", null);
        Work running = await().atMost(TIMEOUT).until(() -> store.find(submitted.id()).orElseThrow(),
                work -> work.state() == WorkState.RUNNING && work.pid() != null);

        await().atMost(TIMEOUT).until(() -> store.find(submitted.id()).orElseThrow(),
                work -> work.heartbeatAt().isAfter(running.heartbeatAt()) && work.outputTail() != null
                        && work.outputTail().contains("waiting"));
        assertThat(node.observe(submitted.id())).get().extracting(Work::state).isEqualTo(WorkState.RUNNING);
        Files.writeString(release, "go");

        assertThat(awaitEnd(node, submitted.id()).outputTail()).contains("released");
    }

    @Test
    void givesTheStepsOnlyTheAllowedEnvironment() {
        actions.put("env", new Action(List.of(run("env")), folder, Duration.ofSeconds(20), Map.of("ROUTING_ML_MODE", "$(id)"), true));
        BackgroundWork node = node(Duration.ofSeconds(10));

        Work ended = awaitEnd(node, node.submit(owner(), "env", null).id());

        assertThat(ended.state()).isEqualTo(WorkState.SUCCEEDED);
        List<String> names = ended.outputTail().lines().filter(line -> line.matches("[A-Za-z_][A-Za-z0-9_]*=.*"))
                .map(line -> line.substring(0, line.indexOf('='))).toList();
        assertThat(names).containsExactlyInAnyOrder("PATH", "ROUTING_ML_MODE");
        assertThat(ended.outputTail()).doesNotContain("s3cret").contains("ROUTING_ML_MODE=$(id)");
    }

    @Test
    void keepsHostileOutputAsDataAndOnlyItsEnd() {
        String hostile = "${x} #{x} {0} %s $(id) ; id ../.. \r\n";
        // 100 KB, then the hostile text, a NUL byte (printf's \000: no argument can carry one) and a Korean word.
        actions.put("noisy", action(Duration.ofSeconds(20), run("sh", "-c",
                "head -c 100000 /dev/zero | tr '\\0' 'a'; printf '%s\\000%s' \"$1\" \"$2\"", "sh", hostile, "끝")));
        BackgroundWork node = node(Duration.ofSeconds(10));

        Work ended = awaitEnd(node, node.submit(owner(), "noisy", null).id());

        assertThat(ended.state()).isEqualTo(WorkState.SUCCEEDED);
        String recorded = store.find(ended.id()).orElseThrow().outputTail();
        assertThat(recorded).hasSizeLessThanOrEqualTo(OutputFile.TAIL).startsWith("…")
                .endsWith("${x} #{x} {0} %s $(id) ; id ../.. \r\n\uFFFD끝\nsh: exit 0\n");
        assertThat(recorded).doesNotContain("\0");
    }

    @Test
    void runsABuiltInActionOnAThreadAndInterruptsItPastItsTimeout() {
        CountDownLatch never = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        builtIns.add(builtIn("restart-standin", Duration.ofMillis(300), () -> {
            try {
                never.await();
                return new ActionResult("restart-standin", true, 0, "restarted");
            } catch (InterruptedException e) {
                interrupted.set(true);
                return new ActionResult("restart-standin", false, -1, "interrupted");
            }
        }));
        builtIns.add(builtIn("quick", Duration.ofSeconds(10), () -> new ActionResult("quick", true, 0, "done in code")));
        BackgroundWork node = node(Duration.ofSeconds(10));

        Work slow = awaitEnd(node, node.submit(owner(), "restart-standin", null).id());
        Work quick = awaitEnd(node, node.submit(owner(), "quick", null).id());

        assertThat(slow.state()).isEqualTo(WorkState.TIMED_OUT);
        await().atMost(TIMEOUT).untilTrue(interrupted);
        assertThat(quick.state()).isEqualTo(WorkState.SUCCEEDED);
        assertThat(quick.outputTail()).contains("done in code");
        assertThat(quick.pid()).isNull();
    }

    @Test
    void findsTheWorkOfAGoneNodeLostWhenItsProcessNoLongerRuns() throws Exception {
        BackgroundWork node = node(Duration.ofSeconds(10));
        Process ended = startSleep();
        long startedMillis = ProcessTree.startedMillis(ended.toHandle());
        ended.destroy();
        ended.waitFor();
        Work gone = goneNodeWork(node.hostId(), ended.pid(), startedMillis, Instant.now().plus(Duration.ofHours(1)));

        Work observed = node.observe(gone.id()).orElseThrow();

        assertThat(observed.state()).isEqualTo(WorkState.LOST);
        assertThat(observed.detail()).startsWith("node " + GONE_NODE + " stopped renewing its heartbeat")
                .contains("its process pid " + ended.pid() + " (step 1) no longer runs on " + node.hostId())
                .endsWith("its outcome is unknown");
        assertThat(observed.endedAt()).isNotNull();
        assertThat(node.observe(gone.id()).orElseThrow().detail()).as("decided once").isEqualTo(observed.detail());
    }

    @Test
    void adoptsTheStillRunningProcessOfAGoneNodeAndReportsItsExitCodeUnknownWhenItEnds() throws Exception {
        BackgroundWork node = node(Duration.ofSeconds(10));
        Process sleeping = startSleep();
        Work gone = goneNodeWork(node.hostId(), sleeping.pid(), ProcessTree.startedMillis(sleeping.toHandle()),
                Instant.now().plus(Duration.ofHours(1)));

        Work adopted = node.observe(gone.id()).orElseThrow();
        assertThat(adopted.state()).isEqualTo(WorkState.RUNNING);
        assertThat(adopted.adoptedBy()).isEqualTo(node.nodeId());
        assertThat(adopted.detail()).contains("still runs on " + node.hostId()).endsWith("its exit code will be unknown");
        assertThat(node.observe(gone.id()).orElseThrow().state()).isEqualTo(WorkState.RUNNING);

        sleeping.destroy();
        sleeping.waitFor();
        Work ended = node.observe(gone.id()).orElseThrow();

        assertThat(ended.state()).isEqualTo(WorkState.LOST);
        assertThat(ended.detail()).isEqualTo("the process pid " + sleeping.pid() + " of step 1 ended after its node stopped; "
                + "its exit code is unknown");
        assertThat(ended.exitCode()).isNull();
    }

    @Test
    void aSurvivorWatchesTheWorkOfANodeThatLeftItRunningAndThatNodeCannotRewriteTheOutcome() throws IOException {
        Path release = folder.resolve("release");
        actions.put("wait", action(Duration.ofSeconds(30), run("sh", "-c",
                "while [ ! -e \"$1\" ]; do sleep 0.05; done; echo released", "sh", release.toString())));
        BackgroundWork first = node(Duration.ZERO);
        Work submitted = first.submit(owner(), "wait", null);
        await().atMost(TIMEOUT).until(() -> store.find(submitted.id()).orElseThrow().pid() != null);

        first.stop();
        BackgroundWork survivor = node(Duration.ofSeconds(10), Duration.ofMillis(300));
        assertThat(survivor.submit(submitted.ownerKey(), "wait", null).id()).as("never started twice").isEqualTo(submitted.id());
        Work adopted = await().atMost(TIMEOUT).until(() -> survivor.observe(submitted.id()).orElseThrow(),
                work -> work.adoptedBy() != null);
        assertThat(adopted.state()).isEqualTo(WorkState.RUNNING);
        assertThat(adopted.adoptedBy()).isEqualTo(survivor.nodeId());
        Files.writeString(release, "go");

        Work ended = await().atMost(TIMEOUT).until(() -> survivor.observe(submitted.id()).orElseThrow(),
                work -> work.state().ended());
        assertThat(ended.state()).isEqualTo(WorkState.LOST);
        assertThat(ended.detail()).endsWith("ended after its node stopped; its exit code is unknown");
        assertThat(ended.outputTail()).contains("released");
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(Files.readString(ended.outputFile())).contains("sh: exit 0"));
        assertThat(store.find(submitted.id()).orElseThrow().state()).as("the stopped node's late result does not count")
                .isEqualTo(WorkState.LOST);
    }

    @Test
    void neverTakesAReusedPidForTheProcessOfAGoneNode() throws Exception {
        BackgroundWork node = node(Duration.ofSeconds(10));
        Process sleeping = startSleep();
        Work gone = goneNodeWork(node.hostId(), sleeping.pid(), ProcessTree.startedMillis(sleeping.toHandle()) - 60_000,
                Instant.now().plus(Duration.ofHours(1)));

        assertThat(node.observe(gone.id()).orElseThrow().state()).isEqualTo(WorkState.LOST);
        assertThat(sleeping.isAlive()).as("an unrelated process is not touched").isTrue();
    }

    @Test
    void neverAdoptsAProcessOnAnotherHost() throws Exception {
        BackgroundWork node = node(Duration.ofSeconds(10));
        Process sleeping = startSleep();
        Work gone = goneNodeWork("another-host", sleeping.pid(), ProcessTree.startedMillis(sleeping.toHandle()),
                Instant.now().plus(Duration.ofHours(1)));

        assertThat(node.observe(gone.id()).orElseThrow().state()).isEqualTo(WorkState.LOST);
        assertThat(sleeping.isAlive()).isTrue();
    }

    @Test
    void killsTheAdoptedProcessOfAGoneNodeOncePastItsDeadline() throws Exception {
        BackgroundWork node = node(Duration.ofSeconds(10));
        Process sleeping = startSleep();
        Work gone = goneNodeWork(node.hostId(), sleeping.pid(), ProcessTree.startedMillis(sleeping.toHandle()),
                LONG_AGO.plusSeconds(1));

        Work observed = node.observe(gone.id()).orElseThrow();

        assertThat(observed.state()).isEqualTo(WorkState.TIMED_OUT);
        assertThat(observed.detail()).contains("process pid " + sleeping.pid() + " killed");
        // Killed at once; this test's JVM, its parent, reaps it a moment later.
        assertThat(sleeping.onExit()).succeedsWithin(Duration.ofSeconds(10));
    }

    @Test
    void findsThePendingWorkOfANodeThatStoppedBeforeStartingItLost() {
        BackgroundWork node = node(Duration.ofSeconds(10));
        Work pending = Work.beforeFirstStep(UUID.randomUUID().toString(), owner(), "restart-backend", null, GONE_NODE,
                node.hostId(), WorkState.PENDING, folder.resolve("pending.log"), null, LONG_AGO,
                LONG_AGO.plus(Duration.ofMinutes(5)));
        store.insert(pending);

        Work observed = node.observe(pending.id()).orElseThrow();

        assertThat(observed.state()).isEqualTo(WorkState.LOST);
        assertThat(observed.detail()).endsWith("before it started the work; nothing ran");
    }

    @Test
    void leavesTheWorkOfALiveNodeAloneEvenWhenItsProcessIsNotVisibleHere() {
        BackgroundWork node = node(Duration.ofSeconds(10));
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Work elsewhere = Work.beforeFirstStep(UUID.randomUUID().toString(), owner(), "restart-backend", null,
                "other-host/7/cd", "other-host", WorkState.RUNNING, folder.resolve("elsewhere.log"), "working", now,
                now.plus(Duration.ofMinutes(5)));
        store.insert(elsewhere);

        Work observed = node.observe(elsewhere.id()).orElseThrow();

        assertThat(observed.state()).isEqualTo(WorkState.RUNNING);
        assertThat(observed.adoptedBy()).isNull();
    }

    @Test
    void waitsOnShutdownForTheWorkItRuns() {
        Path release = folder.resolve("release");
        actions.put("wait", action(Duration.ofSeconds(30), run("sh", "-c",
                "while [ ! -e \"$1\" ]; do sleep 0.05; done; echo released", "sh", release.toString())));
        BackgroundWork node = node(Duration.ofSeconds(30));
        Work submitted = node.submit(owner(), "wait", null);
        await().atMost(TIMEOUT).until(() -> store.find(submitted.id()).orElseThrow().pid() != null);

        Thread releaser = new Thread(() -> {
            await().atMost(TIMEOUT).until(() -> !node.isRunning());
            try {
                Files.writeString(release, "go");
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        releaser.start();
        node.stop();

        assertThat(store.find(submitted.id()).orElseThrow().state()).as("ended before stop() returned")
                .isEqualTo(WorkState.SUCCEEDED);
    }

    @Test
    void recordsTheWorkItLeavesRunningWhenTheShutdownWaitRunsOut() throws Exception {
        actions.put("sleep", action(Duration.ofSeconds(60), run("sleep", sleepSeconds)));
        BackgroundWork node = node(Duration.ofMillis(200));
        Work submitted = node.submit(owner(), "sleep", null);
        await().atMost(TIMEOUT).until(() -> store.find(submitted.id()).orElseThrow().pid() != null);

        node.stop();

        Work left = store.find(submitted.id()).orElseThrow();
        assertThat(left.state()).isEqualTo(WorkState.RUNNING);
        assertThat(left.detail()).startsWith("node " + node.nodeId() + " shut down at ").endsWith("it was left running");
        assertThat(ProcessHandle.of(left.pid()).filter(ProcessHandle::isAlive)).as("the process is not killed").isPresent();
    }

    @Test
    void cancelsItsOwnRunningWorkOnceTheCancellingTransactionCommitsStoppingTheWholeProcessTree() {
        actions.put("sleep", action(Duration.ofSeconds(60), run("sh", "-c", "sleep \"$1\" & wait", "sh", sleepSeconds)));
        BackgroundWork node = node(Duration.ofSeconds(10));
        Work submitted = node.submit(owner(), "sleep", "incident-7");
        Work running = await().atMost(TIMEOUT).until(() -> store.find(submitted.id()).orElseThrow(),
                work -> work.pid() != null && !sleeps().isEmpty());
        String reason = "cancelled: its run-action instance 42 was deleted (${x} #{x} $(id) ; id \r\n)";

        transaction.execute(status -> {
            assertThat(node.cancel(submitted.ownerKey(), reason)).isTrue();
            assertThat(node.cancel(submitted.ownerKey(), "a second reason")).as("asked once").isFalse();
            assertThat(new WorkStore(new JdbcTemplate(otherDataSource())).find(submitted.id()).orElseThrow().cancelReason())
                    .as("the request is not visible outside the transaction before it commits").isNull();
            assertThat(ProcessHandle.of(running.pid()).filter(ProcessHandle::isAlive))
                    .as("nothing is stopped inside the transaction").isPresent();
            return null;
        });

        Work ended = awaitEnd(node, submitted.id());
        assertThat(ended.state()).isEqualTo(WorkState.CANCELLED);
        assertThat(ended.cancelReason()).isEqualTo(reason);
        // The exit code is the shell's: 143 when SIGTERM reached it first, 0 when its wait saw the sleep end first.
        assertThat(ended.detail()).startsWith(reason + "; node " + node.nodeId() + " stopped step 1 (sh), exit ")
                .matches("(?s).*, exit (0|143)");
        assertThat(ended.endedAt()).isNotNull();
        assertThat(ProcessHandle.of(running.pid()).filter(ProcessTree::running)).isEmpty();
        assertThat(sleeps()).as("the step's child is gone too, before the end is recorded").isEmpty();
        WorkCancelled event = awaitCancelledEvent(submitted.id());
        assertThat(published).as("nothing else published").containsExactly(event);
        assertThat(event.work().reference()).isEqualTo("incident-7");
        assertThat(event.work().state()).isEqualTo(WorkState.CANCELLED);
        assertThat(event.work().detail()).isEqualTo(ended.detail());
        assertThat(node.cancel(submitted.ownerKey(), "again")).as("an ended work is left as it is").isFalse();
    }

    @Test
    void aCancelledWorkEndsOnlyOnceTheChildrenItsCancellerStopsAreGone() {
        // The step's shell ends at the SIGTERM; its child ignores it and ends only at the SIGKILL, a kill grace later.
        actions.put("sleep", action(Duration.ofSeconds(60), run("sh", "-c", "(trap '' TERM; exec sleep \"$1\") & wait", "sh",
                sleepSeconds)));
        BackgroundWork node = node(Duration.ofSeconds(10));
        Work submitted = node.submit(owner(), "sleep", "incident-8");
        await().atMost(TIMEOUT).until(() -> store.find(submitted.id()).orElseThrow(),
                work -> work.pid() != null && !sleeps().isEmpty());

        assertThat(node.cancel(submitted.ownerKey(), "cancelled: its caller was closed")).isTrue();

        Work ended = awaitEnd(node, submitted.id());
        assertThat(sleeps()).as("the child that ignored SIGTERM is gone before the end is recorded").isEmpty();
        assertThat(ended.state()).isEqualTo(WorkState.CANCELLED);
        assertThat(ended.detail()).startsWith("cancelled: its caller was closed; node " + node.nodeId()
                + " stopped step 1 (sh), exit ").doesNotContain("not every process");
        assertThat(awaitCancelledEvent(submitted.id()).work().detail()).isEqualTo(ended.detail());
    }

    @Test
    void aCancelledWorkWhoseThreadFailsWhileStoppingItStillEndsCancelledAndIsPublished() throws IOException {
        actions.put("sleep", action(Duration.ofSeconds(60), run("sh", "-c", "sleep \"$1\" & wait", "sh", sleepSeconds)));
        BackgroundWork node = node(Duration.ofSeconds(10));
        Work submitted = node.submit(owner(), "sleep", "incident-9");
        Work running = await().atMost(TIMEOUT).until(() -> store.find(submitted.id()).orElseThrow(),
                work -> work.pid() != null && !sleeps().isEmpty());
        // The work's own lines can no longer be written (a full disk, a cleaned folder): its thread fails once the
        // step is stopped, after the request committed.
        Files.delete(running.outputFile());
        Files.createDirectory(running.outputFile());

        assertThat(node.cancel(submitted.ownerKey(), "cancelled: its caller was closed")).isTrue();

        Work ended = awaitEnd(node, submitted.id());
        assertThat(ended.state()).isEqualTo(WorkState.CANCELLED);
        assertThat(ended.detail()).startsWith("cancelled: its caller was closed; failed on node " + node.nodeId()
                + ": java.lang.IllegalStateException: cannot write the work's output file");
        assertThat(sleeps()).isEmpty();
        WorkCancelled event = awaitCancelledEvent(submitted.id());
        assertThat(event.work().reference()).isEqualTo("incident-9");
        assertThat(event.work().detail()).isEqualTo(ended.detail());
    }

    @Test
    void aCancellingThatRollsBackCancelsNothing() {
        actions.put("sleep", action(Duration.ofSeconds(60), run("sleep", sleepSeconds)));
        BackgroundWork node = node(Duration.ofSeconds(10));
        Work submitted = node.submit(owner(), "sleep", null);
        Work running = await().atMost(TIMEOUT).until(() -> store.find(submitted.id()).orElseThrow(),
                work -> work.pid() != null);

        transaction.execute(status -> {
            node.cancel(submitted.ownerKey(), "cancelled: a deletion that rolls back");
            status.setRollbackOnly();
            return null;
        });

        // Several heartbeats (100 ms) pass: none finds a request, and the process keeps running.
        await().during(Duration.ofMillis(800)).atMost(TIMEOUT).until(() -> store.find(submitted.id()).orElseThrow(),
                work -> work.state() == WorkState.RUNNING && work.cancelReason() == null
                        && ProcessHandle.of(running.pid()).filter(ProcessHandle::isAlive).isPresent());
        assertThat(published).isEmpty();
        assertThat(node.cancel(submitted.ownerKey(), "cancelled: for real")).as("a later cancelling still works").isTrue();
        assertThat(awaitEnd(node, submitted.id()).state()).isEqualTo(WorkState.CANCELLED);
        assertThat(awaitCancelledEvent(submitted.id()).work().detail()).startsWith("cancelled: for real; ");
    }

    @Test
    void theWorkOfAnotherLiveNodeIsStoppedByThatNodeWhenItsHeartbeatFindsTheRequest() {
        actions.put("sleep", action(Duration.ofSeconds(60), run("sleep", sleepSeconds)));
        BackgroundWork owner = node(Duration.ofSeconds(10));
        BackgroundWork other = node(Duration.ofSeconds(10));
        Work submitted = owner.submit(owner(), "sleep", null);
        Work running = await().atMost(TIMEOUT).until(() -> store.find(submitted.id()).orElseThrow(),
                work -> work.pid() != null);

        assertThat(other.cancel(submitted.ownerKey(), "cancelled: closed elsewhere")).isTrue();

        Work ended = awaitEnd(other, submitted.id());
        assertThat(ended.state()).isEqualTo(WorkState.CANCELLED);
        assertThat(ended.detail()).as("stopped by the node that runs it")
                .isEqualTo("cancelled: closed elsewhere; node " + owner.nodeId() + " stopped step 1 (sleep), exit 143");
        assertThat(ended.nodeId()).isEqualTo(owner.nodeId());
        assertThat(ended.adoptedBy()).isNull();
        assertThat(ProcessHandle.of(running.pid()).filter(ProcessTree::running)).isEmpty();
        assertThat(awaitCancelledEvent(submitted.id()).work().detail()).as("published by the owner").isEqualTo(ended.detail());
    }

    @Test
    void cancellingAnEndedWorkChangesNothing() {
        actions.put("greet", action(Duration.ofSeconds(20), run("echo", "hello")));
        BackgroundWork node = node(Duration.ofSeconds(10));
        Work ended = awaitEnd(node, node.submit(owner(), "greet", null).id());

        assertThat(node.cancel(ended.ownerKey(), "cancelled: too late")).isFalse();
        assertThat(node.cancel(owner(), "cancelled: no work for this owner")).isFalse();

        Work after = store.find(ended.id()).orElseThrow();
        assertThat(after.state()).isEqualTo(WorkState.SUCCEEDED);
        assertThat(after.cancelReason()).isNull();
        assertThat(after.detail()).isEqualTo(ended.detail());
        assertThat(published).isEmpty();
    }

    @Test
    void aPendingWorkOfAnotherNodeEndsCancelledAndThatNodeNeverStartsIt() {
        BackgroundWork node = node(Duration.ofSeconds(10));
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Work pending = Work.beforeFirstStep(UUID.randomUUID().toString(), owner(), "restart-backend", null,
                "other-host/7/cd", "other-host", WorkState.PENDING, folder.resolve("pending.log"), null, now,
                now.plus(Duration.ofMinutes(5)));
        store.insert(pending);

        assertThat(node.cancel(pending.ownerKey(), "cancelled: before it started")).isTrue();

        Work ended = awaitEnd(node, pending.id());
        assertThat(ended.state()).isEqualTo(WorkState.CANCELLED);
        assertThat(ended.detail()).isEqualTo("cancelled: before it started; it had not started: nothing ran");
        assertThat(store.markRunning(pending.id(), "other-host/7/cd", Instant.now())).as("its node does not start it")
                .isFalse();
        assertThat(awaitCancelledEvent(pending.id()).work().detail()).isEqualTo(ended.detail());
    }

    @Test
    void stopsTheStillRunningProcessOfAGoneNodeAndThatNodesLateResultCannotRewriteCancelled() throws IOException {
        Path release = folder.resolve("release");
        actions.put("wait", action(Duration.ofSeconds(30), run("sh", "-c",
                "while [ ! -e \"$1\" ]; do sleep 0.05; done; echo released", "sh", release.toString())));
        BackgroundWork first = node(Duration.ZERO);
        Work submitted = first.submit(owner(), "wait", null);
        Work running = await().atMost(TIMEOUT).until(() -> store.find(submitted.id()).orElseThrow(),
                work -> work.pid() != null);
        first.stop();
        BackgroundWork survivor = node(Duration.ofSeconds(10), Duration.ofMillis(300));
        await().atMost(TIMEOUT).until(() -> store.find(submitted.id()).orElseThrow().heartbeatAt()
                .plus(Duration.ofMillis(300)).isBefore(Instant.now()));

        assertThat(survivor.cancel(submitted.ownerKey(), "cancelled: its caller was closed")).isTrue();

        Work ended = awaitEnd(survivor, submitted.id());
        assertThat(ended.state()).isEqualTo(WorkState.CANCELLED);
        // The survivor stopped the process; whichever recorded the end first (the survivor, or the stopped node's
        // thread that still watched the process), the reason comes first.
        assertThat(ended.detail()).satisfiesAnyOf(
                detail -> assertThat(detail).isEqualTo("cancelled: its caller was closed; its node " + first.nodeId()
                        + " was gone; node " + survivor.nodeId() + " stopped its process pid " + running.pid() + " (step 1)"),
                detail -> assertThat(detail).isEqualTo("cancelled: its caller was closed; step 1 (sh) exited 143"));
        assertThat(ProcessHandle.of(running.pid()).filter(ProcessTree::running)).isEmpty();
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(Files.readString(ended.outputFile())).contains("sh: exit 143"));
        assertThat(store.find(submitted.id()).orElseThrow()).as("the stopped node's late result does not count")
                .extracting(Work::state, Work::detail).containsExactly(WorkState.CANCELLED, ended.detail());
        assertThat(awaitCancelledEvent(submitted.id()).work().detail()).as("published by whichever recorded the end")
                .isEqualTo(ended.detail());
    }

    @Test
    void theWorkOfAGoneNodeOnAnotherHostEndsCancelledAskingForACheckOnThatHost() throws Exception {
        BackgroundWork node = node(Duration.ofSeconds(10), Duration.ofMillis(300));
        Process sleeping = startSleep();
        Work gone = goneNodeWork("another-host", sleeping.pid(), ProcessTree.startedMillis(sleeping.toHandle()),
                Instant.now().plus(Duration.ofHours(1)));

        assertThat(node.cancel(gone.ownerKey(), "cancelled: its caller was closed")).isTrue();

        Work ended = awaitEnd(node, gone.id());
        assertThat(ended.state()).isEqualTo(WorkState.CANCELLED);
        assertThat(ended.detail()).isEqualTo("cancelled: its caller was closed; its node " + GONE_NODE + " was gone; "
                + "no node on another-host stopped its process pid " + sleeping.pid() + " (step 1): check that host by hand");
        assertThat(sleeping.isAlive()).as("a process of another host is never signalled").isTrue();
        assertThat(awaitCancelledEvent(gone.id()).work().detail()).isEqualTo(ended.detail());
    }

    private BackgroundWork node(Duration shutdownWait) {
        return node(shutdownWait, Duration.ofSeconds(5));
    }

    private BackgroundWork node(Duration shutdownWait, Duration staleAfter) {
        InlineLimit limit = new InlineLimit(new CommandSettings(List.of("PATH"), Duration.ofMinutes(2)), 300_000);
        CommandRunner runner = new CommandRunner(new CommandSettings(List.of("PATH"), Duration.ofMinutes(2)),
                Map.of("PATH", System.getenv("PATH"), "SPRING_DATASOURCE_PASSWORD", "s3cret-db"));
        ActionCatalog catalog = new ActionCatalog(new ActionSettings(actions), runner, builtIns, limit,
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
        BackgroundWorkSettings settings = new BackgroundWorkSettings(folder.resolve("work"), Duration.ofMillis(100),
                staleAfter, Duration.ofSeconds(1), shutdownWait, null);
        BackgroundWork node = new BackgroundWork(catalog, runner, store, settings, limit, published::add);
        node.start();
        nodes.add(node);
        return node;
    }

    /** A RUNNING work recorded by a node that stopped ten minutes ago, its step 1 the given process. */
    private Work goneNodeWork(String hostId, Long pid, Long pidStartedMillis, Instant deadline) {
        Work work = Work.beforeFirstStep(UUID.randomUUID().toString(), owner(), "restart-backend", null, GONE_NODE,
                hostId, WorkState.RUNNING, folder.resolve("gone.log"), "restarting…", LONG_AGO, deadline);
        store.insert(work);
        store.stepStarted(work.id(), GONE_NODE, 1, pid, pidStartedMillis, LONG_AGO);
        return store.find(work.id()).orElseThrow();
    }

    private Process startSleep() throws IOException {
        Process process = new ProcessBuilder("sleep", sleepSeconds).start();
        started.add(process.toHandle());
        return process;
    }

    private List<ProcessHandle> sleeps() {
        return ProcessHandle.allProcesses().filter(ProcessHandle::isAlive)
                .filter(p -> p.info().arguments().map(Arrays::asList).orElse(List.of()).contains(sleepSeconds)).toList();
    }

    private Work awaitEnd(BackgroundWork node, String id) {
        return await().atMost(TIMEOUT).until(() -> node.observe(id).orElseThrow(), work -> work.state().ended());
    }

    /**
     * The one {@link WorkCancelled} event of the work. Whichever thread records the end publishes it after that, on
     * its own time: seeing the work ended does not mean the event is out yet, so it is waited for (bounded).
     */
    private WorkCancelled awaitCancelledEvent(String id) {
        List<WorkCancelled> events = await().atMost(TIMEOUT).until(() -> published.stream()
                .filter(WorkCancelled.class::isInstance).map(WorkCancelled.class::cast)
                .filter(event -> event.work().id().equals(id)).toList(), found -> !found.isEmpty());
        assertThat(events).as("published once").hasSize(1);
        assertThat(events.get(0).work().state()).isEqualTo(WorkState.CANCELLED);
        return events.get(0);
    }

    private static String owner() {
        return UUID.randomUUID() + "/Task_StartAction";
    }

    private Action action(Duration timeout, Step... steps) {
        return new Action(List.of(steps), folder, timeout, Map.of(), true);
    }

    private static Step run(String... command) {
        return Step.run(List.of(command), Set.of(0));
    }

    private static RecoveryAction builtIn(String name, Duration timeout, java.util.function.Supplier<ActionResult> run) {
        return new RecoveryAction() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public ActionResult run() {
                return run.get();
            }

            @Override
            public Duration timeout() {
                return timeout;
            }

            @Override
            public boolean tracked() {
                return true;
            }
        };
    }
}
