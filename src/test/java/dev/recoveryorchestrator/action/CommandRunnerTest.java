package dev.recoveryorchestrator.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.recoveryorchestrator.action.ActionSettings.Action;
import dev.recoveryorchestrator.action.ActionSettings.Step;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** Real programs in a temporary folder; every process a test starts is ended in {@link #endStartedProcesses()}. */
class CommandRunnerTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final Pattern STARTED = Pattern.compile("started, pid (\\d+)");

    static final List<String> INHERITED = List.of("PATH", "HOME", "LANG", "LC_ALL", "TZ");

    private final CommandRunner runner = new CommandRunner(new CommandSettings(INHERITED, Duration.ofMinutes(2)), System.getenv());
    private final List<ProcessHandle> started = new ArrayList<>();
    /** An argument no other process on this machine has, to find the {@code sleep} a test started. */
    private final String sleepSeconds = "30." + ThreadLocalRandom.current().nextInt(100_000, 1_000_000);

    @TempDir
    Path folder;

    @AfterEach
    void endStartedProcesses() {
        ourSleeps().forEach(started::add);
        started.forEach(ProcessHandle::destroyForcibly);
    }

    @Test
    void bindsAConfiguredActionWithItsDefaultsAndRunsIt() {
        Map<String, String> properties = Map.of(
                "recovery.actions.check-backend-process.workdir", folder.toString(),
                "recovery.actions.check-backend-process.steps[0].command[0]", "false",
                "recovery.actions.check-backend-process.steps[0].success-exit-codes", "0,1",
                "recovery.actions.check-backend-process.steps[1].command", "echo,checked");
        ActionSettings settings = new Binder(new MapConfigurationPropertySource(properties))
                .bind("recovery", ActionSettings.class).get();

        Action action = settings.actions().get("check-backend-process");
        assertThat(action.timeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(action.env()).isEmpty();
        assertThat(action.steps()).extracting(Step::successExitCodes).containsExactly(Set.of(0, 1), Set.of(0));
        assertThat(action.steps()).extracting(Step::background).containsExactly(false, false);
        ActionResult result = runner.run("check-backend-process", action);
        assertThat(result.succeeded()).isTrue();
        assertThat(result.output()).isEqualTo("checked\n");
    }

    @Test
    void reportsTheOutputAndExitCodeOfASuccessfulCommand() {
        ActionResult result = runner.run("greet", action(step("echo", "hello", "world")));

        assertThat(result.action()).isEqualTo("greet");
        assertThat(result.succeeded()).isTrue();
        assertThat(result.exitCode()).isZero();
        assertThat(result.output()).isEqualTo("hello world\n");
    }

    @Test
    void collectsTheOutputOfEveryStepInOrder() {
        ActionResult result = runner.run("two", action(step("echo", "first"), step("echo", "second")));

        assertThat(result.succeeded()).isTrue();
        assertThat(result.output()).isEqualTo("first\nsecond\n");
    }

    @Test
    void capturesTheErrorStreamToo() {
        Path missing = folder.resolve("missing");

        ActionResult result = runner.run("list", action(step(Set.of(0, 2), "ls", missing.toString())));

        assertThat(result.succeeded()).isTrue();
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.output()).contains(missing.toString());
    }

    @Test
    void countsANonZeroExitCodeListedAsSuccessAsSuccess() {
        Path marker = folder.resolve("next-step-ran");

        ActionResult result = runner.run("check", action(
                step(Set.of(0, 1), "false"),
                step("touch", marker.toString())));

        assertThat(result.succeeded()).isTrue();
        assertThat(result.exitCode()).isZero();
        assertThat(marker).exists();
    }

    @Test
    void stopsAtAnExitCodeThatIsNotListedAndSkipsTheLaterSteps() {
        Path marker = folder.resolve("next-step-ran");

        ActionResult result = runner.run("check", action(
                step("echo", "before"),
                step("false"),
                step("touch", marker.toString())));

        assertThat(result.succeeded()).isFalse();
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.output()).isEqualTo("before\n");
        assertThat(marker).doesNotExist();
    }

    @Test
    void failsAStepThatRunsLongerThanTheTimeoutAndEndsItsProcess() {
        Path marker = folder.resolve("next-step-ran");
        Action action = new Action(List.of(step("sleep", sleepSeconds), step("touch", marker.toString())),
                folder, Duration.ofMillis(300), Map.of(), false);

        long before = System.nanoTime();
        ActionResult result = runner.run("wait", action);
        Duration took = Duration.ofNanos(System.nanoTime() - before);

        assertThat(result.succeeded()).isFalse();
        assertThat(result.exitCode()).isEqualTo(-1);
        assertThat(result.output()).contains("sleep").contains("timed out after PT0.3S");
        assertThat(took).isLessThan(Duration.ofSeconds(10));
        assertThat(marker).doesNotExist();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(ourSleeps()).isEmpty());
    }

    @Test
    void reportsAProgramThatDoesNotExistAsAFailedResult() {
        String program = "no-such-program-" + UUID.randomUUID();
        Path marker = folder.resolve("next-step-ran");

        ActionResult result = runner.run("ghost", action(step(program, "--help"), step("touch", marker.toString())));

        assertThat(result.succeeded()).isFalse();
        assertThat(result.exitCode()).isEqualTo(-1);
        assertThat(result.output()).startsWith(program + ": ");
        assertThat(result.output()).as("zt-exec's message lists the environment; the timeline gets none of it")
                .doesNotContain(System.getenv("PATH"), "environment");
        assertThat(marker).doesNotExist();
    }

    @Test
    void passesShellMetacharactersLiterally() {
        Path afterSemicolon = folder.resolve("after-semicolon");
        Path substituted = folder.resolve("substituted");
        Path backticked = folder.resolve("backticked");
        List<String> arguments = List.of("; touch " + afterSemicolon, "$(touch " + substituted + ")",
                "`touch " + backticked + "`", "&& | > $HOME *");

        List<String> command = new ArrayList<>(List.of("echo"));
        command.addAll(arguments);
        ActionResult result = runner.run("echo", action(Step.run(command, Set.of(0))));

        assertThat(result.succeeded()).isTrue();
        assertThat(result.output()).isEqualTo(String.join(" ", arguments) + "\n");
        assertThat(afterSemicolon).doesNotExist();
        assertThat(substituted).doesNotExist();
        assertThat(backticked).doesNotExist();
    }

    @Test
    void runsInTheConfiguredFolderWithTheConfiguredEnvironment() throws IOException {
        Path workdir = Files.createDirectory(folder.resolve("work dir"));
        Action action = new Action(List.of(step("pwd"), step("printenv", "RECOVERY_TEST_VALUE")), workdir,
                Duration.ofSeconds(20), Map.of("RECOVERY_TEST_VALUE", "value; with $(no) shell"), false);

        ActionResult result = runner.run("where", action);

        assertThat(result.succeeded()).isTrue();
        assertThat(result.output()).isEqualTo(workdir.toRealPath() + "\nvalue; with $(no) shell\n");
    }

    @Test
    void keepsOnlyTheEndOfALongOutput() {
        ActionResult result = runner.run("count", action(step("seq", "1", "5000")));

        String all = IntStream.rangeClosed(1, 5000).mapToObj(n -> n + "\n").collect(Collectors.joining());
        assertThat(result.output()).hasSize(CommandRunner.MAX_OUTPUT + 1)
                .isEqualTo("…" + all.substring(all.length() - CommandRunner.MAX_OUTPUT));
    }

    @Test
    void startsABackgroundStepThatKeepsRunningAndWritesToItsOutputFile() throws IOException {
        Path workdir = Files.createDirectory(folder.resolve("app"));
        Files.writeString(workdir.resolve("input.txt"), "server listening on 127.0.0.1\n");
        Path output = folder.resolve("logs/backend.log");
        Action action = new Action(List.of(
                step("echo", "restarting"),
                new Step(List.of("tail", "-n", "+1", "-f", "input.txt"), null, Set.of(0), true, output)),
                workdir, Duration.ofMillis(500), Map.of(), false);

        ActionResult result = runner.run("restart", action);

        assertThat(result.succeeded()).isTrue();
        assertThat(result.exitCode()).isZero();
        assertThat(result.output()).startsWith("restarting\ntail started, pid ");
        ProcessHandle server = startedProcess(result);
        await().atMost(TIMEOUT).untilAsserted(() ->
                assertThat(output).exists().content().isEqualTo("server listening on 127.0.0.1\n"));
        Files.writeString(workdir.resolve("input.txt"), "server listening on 127.0.0.1\nstill here\n");
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(output).content().contains("still here"));
        assertThat(server.isAlive()).as("still running well past the 500 ms step timeout").isTrue();
    }

    @Test
    void reportsABackgroundProgramThatDoesNotExistAsAFailedResult() {
        String program = "no-such-server-" + UUID.randomUUID();

        ActionResult result = runner.run("restart", action(
                new Step(List.of(program), null, Set.of(0), true, folder.resolve("out.log"))));

        assertThat(result.succeeded()).isFalse();
        assertThat(result.exitCode()).isEqualTo(-1);
        assertThat(result.output()).startsWith(program + ": ");
    }

    @Test
    void givesACommandOnlyTheAllowedVariablesOfTheOrchestratorsEnvironmentAndItsOwn() {
        Map<String, String> orchestrator = Map.of(
                "PATH", System.getenv("PATH"),
                "HOME", "/home/recovery",
                "LANG", "ko_KR.UTF-8",
                "RECOVERY_ADMIN_PASSWORD", "s3cret-admin",
                "SPRING_DATASOURCE_PASSWORD", "s3cret-db",
                "RECOVERY_INTAKE_TOKEN", "s3cret-token");
        CommandRunner explicit = new CommandRunner(new CommandSettings(INHERITED, Duration.ofMinutes(2)), orchestrator);
        Action action = new Action(List.of(step("env")), folder, Duration.ofSeconds(20),
                Map.of("ROUTING_ML_MODE", "${x} $(id) ; id"), false);

        ActionResult result = explicit.run("env", action);

        assertThat(result.succeeded()).isTrue();
        assertThat(variables(result.output())).containsOnlyKeys("PATH", "HOME", "LANG", "ROUTING_ML_MODE")
                .containsEntry("HOME", "/home/recovery")
                .containsEntry("ROUTING_ML_MODE", "${x} $(id) ; id");
        assertThat(result.output()).doesNotContain("s3cret");
    }

    /**
     * The local profile's restart: uvicorn started again gets the target's own {@code .env} (the connection string
     * Type 2 just wrote there, read when the step starts), never the orchestrator's secrets; values stay data.
     */
    @Test
    void givesABackgroundProgramTheTargetsEnvironmentFileReadWhenItStarts() throws IOException {
        Map<String, String> orchestrator = Map.of("PATH", System.getenv("PATH"), "SPRING_DATASOURCE_PASSWORD", "s3cret-db",
                "ACCESS_CONNECTION_STRING", "orchestrator's own, never the target's");
        CommandRunner explicit = new CommandRunner(new CommandSettings(INHERITED, Duration.ofMinutes(2)), orchestrator);
        Path envFile = folder.resolve(".env");
        Files.writeString(envFile, "# Routing ML\nACCESS_CONNECTION_STRING=old\n");
        Path output = folder.resolve("env.log");
        Action restart = new Action(List.of(new Step(List.of("env"), null, Set.of(0), true, output)), folder,
                Duration.ofSeconds(20), Map.of(), false, envFile);
        Files.writeString(envFile, "# Routing ML\nexport ACCESS_CONNECTION_STRING=\"Driver={Microsoft Access Driver (*.mdb, *.accdb)};DBQ=/mnt/data/routing_data/ROUTING AUTO TEST.accdb\"\n"
                + "MODE=$(id) ; id ${x}\n\nnot an assignment\n");

        ActionResult result = explicit.run("restart-backend", restart);

        assertThat(result.succeeded()).as(result.output()).isTrue();
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(output).content().contains("MODE="));
        assertThat(variables(Files.readString(output))).containsOnlyKeys("PATH", "ACCESS_CONNECTION_STRING", "MODE")
                .containsEntry("ACCESS_CONNECTION_STRING",
                        "Driver={Microsoft Access Driver (*.mdb, *.accdb)};DBQ=/mnt/data/routing_data/ROUTING AUTO TEST.accdb")
                .containsEntry("MODE", "$(id) ; id ${x}");
        assertThat(Files.readString(output)).doesNotContain("s3cret", "orchestrator's own");
    }

    @Test
    void aMissingEnvironmentFileFailsTheStepInsteadOfStartingWithoutItsSettings() {
        Path marker = folder.resolve("started");
        Action restart = new Action(List.of(step("touch", marker.toString())), folder, Duration.ofSeconds(20), Map.of(),
                false, folder.resolve("no-such.env"));

        ActionResult result = runner.run("restart-backend", restart);

        assertThat(result.succeeded()).isFalse();
        assertThat(result.output()).contains("environment file").contains("no-such.env");
        assertThat(marker).doesNotExist();
    }

    @Test
    void givesABackgroundProgramTheSameExplicitEnvironment() {
        Map<String, String> orchestrator = Map.of("PATH", System.getenv("PATH"), "SPRING_DATASOURCE_PASSWORD", "s3cret-db");
        CommandRunner explicit = new CommandRunner(new CommandSettings(INHERITED, Duration.ofMinutes(2)), orchestrator);
        Path output = folder.resolve("env.log");

        ActionResult result = explicit.run("env", action(new Step(List.of("env"), null, Set.of(0), true, output)));

        assertThat(result.succeeded()).isTrue();
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(output).content().contains("PATH="));
        await().atMost(TIMEOUT).untilAsserted(() ->
                assertThat(variables(Files.readString(output))).containsOnlyKeys("PATH"));
    }

    @Test
    void stopsAProcessThatEndsOnSigtermAndWaitsUntilItIsGone() throws IOException {
        ProcessHandle target = startTestProcess("sleep", sleepSeconds);

        ActionResult result = runner.run("stop", action(Step.stop(Pattern.compile(Pattern.quote("sleep " + sleepSeconds)),
                Duration.ofSeconds(10))));

        assertThat(result.succeeded()).as(result.output()).isTrue();
        assertThat(result.output()).contains("SIGTERM to pid " + target.pid()).doesNotContain("SIGKILL");
        // Gone for the system at once; the JVM that started it (this test) reaps it a moment later.
        assertThat(target.onExit()).succeedsWithin(java.time.Duration.ofSeconds(10));
    }

    @Test
    void killsAProcessThatIgnoresSigtermOnceTheGraceHasPassedAndThenRunsTheNextStep() throws IOException {
        String token = "ignores-term-" + sleepSeconds;
        ProcessHandle stubborn = startTestProcess("sh", "-c", "trap '' TERM; while :; do sleep 0.1; done", token);
        Path marker = folder.resolve("next-step-ran");

        ActionResult result = runner.run("restart", action(
                Step.stop(Pattern.compile(Pattern.quote(token)), Duration.ofMillis(500)),
                // The next step finds the old process gone (pgrep exits 1), as a new server would find its port free.
                step(Set.of(1), "pgrep", "-f", token),
                step("touch", marker.toString())));

        assertThat(result.succeeded()).as(result.output()).isTrue();
        assertThat(result.output()).contains("SIGTERM to pid " + stubborn.pid())
                .contains("still running after PT0.5S, SIGKILL to pid [" + stubborn.pid() + "]");
        assertThat(stubborn.onExit()).succeedsWithin(java.time.Duration.ofSeconds(10));
        assertThat(marker).exists();
    }

    @Test
    void aStopThatFindsNothingSucceeds() {
        ActionResult result = runner.run("stop", action(Step.stop(Pattern.compile("no-such-process-" + UUID.randomUUID()),
                Duration.ofSeconds(1))));

        assertThat(result.succeeded()).isTrue();
        assertThat(result.output()).contains("no process matched");
    }

    @Test
    void aStopNeverMatchesTheOrchestratorOrItsParents() {
        String ownCommandLine = ProcessHandle.current().info().commandLine().orElseThrow();

        List<ProcessHandle> matching = ProcessTree.matching(Pattern.compile(Pattern.quote(ownCommandLine)));

        assertThat(matching).extracting(ProcessHandle::pid).doesNotContain(ProcessHandle.current().pid());
        ProcessHandle.current().parent().ifPresent(parent ->
                assertThat(ProcessTree.matching(Pattern.compile(".*"))).extracting(ProcessHandle::pid)
                        .doesNotContain(ProcessHandle.current().pid(), parent.pid()));
    }

    @Test
    void bindsAStopStepFromConfiguration() {
        Map<String, String> properties = Map.of(
                "recovery.actions.restart-backend.timeout", "PT1M",
                "recovery.actions.restart-backend.tracked", "true",
                "recovery.actions.restart-backend.steps[0].stop.match", "uvicorn backend.run_api:app",
                "recovery.actions.restart-backend.steps[0].stop.grace", "PT10S",
                "recovery.actions.restart-backend.steps[1].command", "true");
        ActionSettings settings = new Binder(new MapConfigurationPropertySource(properties))
                .bind("recovery", ActionSettings.class).get();

        Action action = settings.actions().get("restart-backend");
        assertThat(action.tracked()).isTrue();
        assertThat(action.steps().get(0).stop().match().pattern()).isEqualTo("uvicorn backend.run_api:app");
        assertThat(action.steps().get(0).stop().grace()).isEqualTo(Duration.ofSeconds(10));
        assertThat(action.steps().get(0).isOneKind()).isTrue();
        assertThat(action.steps().get(1).command()).containsExactly("true");
        assertThat(action.worstCase()).isEqualTo(Duration.ofMinutes(2));
    }

    /** A process started by the test (a shell here is the test's, never the product's), ended after the test. */
    private ProcessHandle startTestProcess(String... command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        started.add(process.toHandle());
        String token = command[command.length - 1];
        await().atMost(TIMEOUT).until(() -> ProcessTree.matching(Pattern.compile(Pattern.quote(token))).stream()
                .anyMatch(p -> p.pid() == process.pid()));
        return process.toHandle();
    }

    /** {@code env}'s output as a map of variable names to values. */
    private static Map<String, String> variables(String envOutput) {
        return envOutput.lines().filter(line -> line.contains("="))
                .collect(Collectors.toMap(line -> line.substring(0, line.indexOf('=')),
                        line -> line.substring(line.indexOf('=') + 1)));
    }

    private ProcessHandle startedProcess(ActionResult result) {
        Matcher matcher = STARTED.matcher(result.output());
        assertThat(matcher.find()).as("pid in %s", result.output()).isTrue();
        ProcessHandle process = ProcessHandle.of(Long.parseLong(matcher.group(1))).orElseThrow();
        started.add(process);
        return process;
    }

    /** The {@code sleep} processes this test started, found by their unique argument. */
    private List<ProcessHandle> ourSleeps() {
        return ProcessHandle.current().descendants()
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().arguments().map(Arrays::asList).orElse(List.of()).contains(sleepSeconds))
                .toList();
    }

    private Action action(Step... steps) {
        return new Action(List.of(steps), folder, Duration.ofSeconds(20), Map.of(), false);
    }

    private static Step step(String... command) {
        return step(Set.of(0), command);
    }

    private static Step step(Set<Integer> successExitCodes, String... command) {
        return Step.run(List.of(command), successExitCodes);
    }
}
