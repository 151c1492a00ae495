package dev.recoveryorchestrator.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.recoveryorchestrator.action.ActionSettings;
import dev.recoveryorchestrator.action.CommandRunner;
import dev.recoveryorchestrator.action.CommandSettings;
import dev.recoveryorchestrator.action.HealthProbe;
import dev.recoveryorchestrator.action.PortProbe;
import dev.recoveryorchestrator.action.TargetSettings;
import dev.recoveryorchestrator.preflight.PreflightRow.Status;
import dev.recoveryorchestrator.runbook.containerfailure.ContainerFailureSettings;
import dev.recoveryorchestrator.runbook.databaseunreachable.DatabaseUnreachableSettings;
import dev.recoveryorchestrator.standin.DemoDatabase;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.mock.env.MockEnvironment;

/**
 * The preflight on a realistic Routing ML host built in a temporary folder: a workspace with
 * {@code deploy/docker/docker-compose.yml} and its {@code .env}, a git repository with a commit, the data folder
 * with a real Access file (the stand-in's {@link DemoDatabase}), backups, models, the backend's log, a
 * virtualenv's {@code uvicorn}, a real HTTP server answering the health URL on loopback, and the docker profile's
 * actions. {@code docker} is a FAKE: no Docker engine runs on the machines the tests run on, so a shell script
 * records its arguments and answers {@code docker version}, {@code docker compose config --services} and
 * {@code docker compose ps --all --format json} as a real engine and compose 2.29 do; the JVM looks programs up on
 * its own PATH, so the actions name the fake by its path. Everything else is real: git, the files, the ports.
 * <p>
 * First the whole table is green; then each prerequisite is removed or broken in turn, and the table names it with
 * what to do. (These tests run as root here, where every file is readable and writable: a folder without write
 * access cannot be shown, a program without its executable bit can.)
 */
class PreflightLayoutTest {

    private static final String COMMIT_MESSAGE = "stable";

    @TempDir
    Path root;

    private Path workspace;
    private Path compose;
    private Path data;
    private Path database;
    private Path models;
    private Path log;
    private Path docker;
    private Path uvicorn;
    private String commit;
    private HttpServer backend;
    private final Map<String, String> properties = new HashMap<>();

    @BeforeEach
    void buildTheHost() throws Exception {
        workspace = Files.createDirectories(root.resolve("workspaces/Routing_ML_4"));
        compose = Files.createDirectories(workspace.resolve("deploy/docker"));
        Files.writeString(compose.resolve("docker-compose.yml"), """
                name: routing-ml
                services:
                  predictor:
                    build: ../..
                    env_file: .env
                    volumes: [ "models:/app/deliverables/models" ]
                  frontend:
                    build: ../../frontend
                volumes:
                  models:
                """);
        data = root.resolve("mnt/data");
        DemoDatabase.createIfMissing(data, Instant.parse("2026-12-07T00:00:00Z"), ZoneId.of("Asia/Seoul"));
        database = data.resolve(DemoDatabase.FILE);
        Files.writeString(compose.resolve(".env"), "ACCESS_CONNECTION_STRING=\"Driver={Microsoft Access Driver (*.mdb, "
                + "*.accdb)};Dbq=" + database + ";\"\n", StandardCharsets.ISO_8859_1);
        models = Files.createDirectories(workspace.resolve("deliverables/models/latest"));
        Files.writeString(models.resolve("model.pkl"), "model");
        log = Files.createDirectories(root.resolve("var/log/routing-ml")).resolve("backend.log");
        Files.writeString(log, "INFO started\n");
        uvicorn = Files.createDirectories(workspace.resolve(".venv/bin")).resolve("uvicorn");
        Files.writeString(uvicorn, "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(uvicorn, PosixFilePermissions.fromString("rwxr-xr-x"));
        git("init", "-q");
        git("-c", "user.name=test", "-c", "user.email=test@routing-ml.local", "commit", "-q", "--allow-empty", "-m",
                COMMIT_MESSAGE);
        commit = git("rev-parse", "HEAD").strip();
        docker = fakeDocker(true, List.of("predictor", "frontend"), List.of("predictor", "frontend"));
        backend = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        backend.createContext("/api/health", exchange -> {
            byte[] body = "{\"status\":\"ok\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        backend.start();

        int port = backend.getAddress().getPort();
        properties.put("recovery.target.health-url", "http://127.0.0.1:" + port + "/api/health");
        properties.put("recovery.target.host", "127.0.0.1");
        properties.put("recovery.target.ports[0]", String.valueOf(port));
        properties.put("recovery.target.log-file", log.toString());
        properties.put("recovery.target.database-file", database.toString());
        properties.put("recovery.target.backup-dir", data.resolve(DemoDatabase.BACKUPS).toString());
        properties.put("recovery.target.model-dir", workspace.resolve("deliverables/models").toString());
        properties.put("recovery.target.predictor-config", data.resolve(DemoDatabase.CONFIG).toString());
        properties.put("recovery.target.compose-dir", compose.toString());
        properties.put("recovery.target.workdir", workspace.toString());
        properties.put("recovery.target.stable-commit", commit);
        properties.put("recovery.runbook.database-unreachable.env-file", compose.resolve(".env").toString());
        // The docker profile's actions (application-docker.yaml), docker named by the fake's path.
        action("restart-backend", compose, docker.toString(), "compose", "up", "-d", "--force-recreate", "--no-deps",
                "predictor");
        action("rollback-backend", workspace, "git", "cat-file", "-e", commit + "^{commit}");
        properties.put("recovery.actions.rollback-backend.steps[1].command", "git,checkout," + commit);
        action("list-containers", compose, docker.toString(), "compose", "ps", "--all", "--format", "json");
        // The local profile's start of uvicorn, with the target's .env.
        action("start-uvicorn", workspace, "setsid", uvicorn.toString(), "backend.run_api:app");
        properties.put("recovery.actions.start-uvicorn.env-file", compose.resolve(".env").toString());
    }

    @AfterEach
    void stopTheBackend() {
        if (backend != null) {
            backend.stop(0);
        }
    }

    @Test
    void theWholeLayoutIsGreen() {
        Preflight.Report report = preflight().run();

        assertThat(report.gaps()).as("gaps").isEmpty();
        assertThat(report.ok()).isTrue();
        assertThat(report.rows()).extracting(PreflightRow::step).contains("recovery.actions.restart-backend",
                "recovery.actions.start-uvicorn", "recovery.actions.start-uvicorn.env-file", "recovery.target.log-file",
                "recovery.target.database-file", "recovery.target.backup-dir", "recovery.target.model-dir",
                "docker engine", "recovery.target.compose-dir", "compose service predictor", "compose service frontend",
                "rollback: recovery.target.stable-commit", "recovery.runbook.database-unreachable.env-file",
                "recovery.target.health-url", "recovery.target.host / ports");
        assertThat(row(report, "recovery.actions.start-uvicorn").detail()).contains("setsid → ", "uvicorn → " + uvicorn);
        assertThat(row(report, "recovery.actions.restart-backend").runbook()).contains("runbook-backend-api-down");
        assertThat(calls()).contains("version --format json", "compose config --services",
                "compose ps --all --format json");
    }

    @Test
    void aMissingBackupFolderIsNamedWithWhatToDo() throws IOException {
        deleteTree(data.resolve(DemoDatabase.BACKUPS));

        assertGap("recovery.target.backup-dir", Status.MISSING, "does not exist", "mount or create");
    }

    @Test
    void aMissingModelFolderIsNamed() throws IOException {
        deleteTree(workspace.resolve("deliverables"));

        assertGap("recovery.target.model-dir", Status.MISSING, "does not exist", "RECOVERY_TARGET_MODEL_DIR");
    }

    @Test
    void aMissingLogIsNamed() throws IOException {
        Files.delete(log);

        assertGap("recovery.target.log-file", Status.MISSING, "backend.log does not exist", "mount the folder");
    }

    @Test
    void aMissingDatabaseIsNamed() throws IOException {
        Files.delete(database);

        assertGap("recovery.target.database-file", Status.MISSING, "does not exist", "mount the folder");
    }

    @Test
    void anUnsetRollbackCommitIsNamedWithItsVariable() {
        properties.put("recovery.target.stable-commit", "");

        assertGap("rollback: recovery.target.stable-commit", Status.MISSING, "not set", "RECOVERY_STABLE_COMMIT");
    }

    @Test
    void aRollbackCommitTheWorkspaceDoesNotHaveIsNamed() {
        properties.put("recovery.target.stable-commit", "0123456789abcdef0123456789abcdef01234567");

        assertGap("rollback: recovery.target.stable-commit", Status.MISSING, "is not a commit of", "git fetch");
    }

    @Test
    void aConnectionStringVariableMissingFromTheEnvFileIsNamed() throws IOException {
        Files.writeString(compose.resolve(".env"), "OTHER=1\n");

        assertGap("recovery.runbook.database-unreachable.env-file", Status.MISSING, "variable missing",
                "ACCESS_CONNECTION_STRING");
    }

    @Test
    void aConnectionStringPointingElsewhereIsNamed() throws IOException {
        Files.writeString(compose.resolve(".env"), "ACCESS_CONNECTION_STRING=Dbq=/mnt/old/routing.accdb;\n");

        assertGap("recovery.runbook.database-unreachable.env-file", Status.MISSING, "wrong file", "Dbq=" + database);
    }

    @Test
    void anEngineThatDoesNotAnswerIsNamedAndTheContainersCannotBeChecked() throws IOException {
        fakeDocker(false, List.of("predictor", "frontend"), List.of());

        Preflight.Report report = assertGap("docker engine", Status.MISSING, "Cannot connect", "start the Docker engine");
        assertThat(row(report, "compose service predictor").status()).isEqualTo(Status.CANNOT_CHECK);
    }

    @Test
    void aMissingComposeFileIsNamed() throws IOException {
        Files.delete(compose.resolve("docker-compose.yml"));

        assertGap("recovery.target.compose-dir", Status.MISSING, "docker-compose.yml", "RECOVERY_TARGET_WORKDIR");
    }

    @Test
    void aServiceTheComposeFileDoesNotDefineIsNamed() throws IOException {
        fakeDocker(true, List.of("predictor"), List.of("predictor"));

        assertGap("compose service frontend", Status.MISSING, "not among the services", "container-failure.services");
    }

    @Test
    void aServiceWithoutAContainerIsNamed() throws IOException {
        fakeDocker(true, List.of("predictor", "frontend"), List.of("frontend"));

        assertGap("compose service predictor", Status.MISSING, "no container of predictor", "docker compose up -d predictor");
    }

    @Test
    void aMissingProgramIsNamedWithItsAction() throws IOException {
        Files.delete(uvicorn);

        assertGap("recovery.actions.start-uvicorn", Status.MISSING, uvicorn + " not found", "install");
    }

    @Test
    void aProgramWithoutItsExecutableBitIsNamed() throws IOException {
        Files.setPosixFilePermissions(uvicorn, PosixFilePermissions.fromString("rw-r--r--"));

        assertGap("recovery.actions.start-uvicorn", Status.MISSING, "is not executable by", "install");
    }

    @Test
    void aProgramNotOnThePathIsNamed() {
        action("network-allow-ports", null, "no-such-firewall-tool-" + ProcessHandle.current().pid(), "allow", "8000/tcp");

        assertGap("recovery.actions.network-allow-ports", Status.MISSING, "not found on the PATH",
                "install no-such-firewall-tool");
    }

    @Test
    void aMissingEnvironmentFileOfAnActionIsNamed() throws IOException {
        Files.delete(compose.resolve(".env"));

        assertGap("recovery.actions.start-uvicorn.env-file", Status.MISSING, "does not exist", "readable by");
    }

    @Test
    void aMissingWorkspaceIsNamedForTheActionsThatRunThere() throws IOException {
        properties.put("recovery.actions.restart-backend.workdir", root.resolve("no-such-compose-dir").toString());

        assertGap("recovery.actions.restart-backend.workdir", Status.MISSING, "does not exist", "mount or create");
    }

    @Test
    void aHealthUrlAndAPortThatDoNotAnswerAreNamed() {
        backend.stop(0);
        backend = null;

        Preflight.Report report = assertGap("recovery.target.health-url", Status.MISSING, "", "RECOVERY_TARGET_HEALTH_URL");
        assertThat(row(report, "recovery.target.host / ports").status()).isEqualTo(Status.MISSING);
        assertThat(row(report, "recovery.target.host / ports").todo()).contains("RECOVERY_TARGET_HOST");
    }

    /** What the engine says is data: a hostile docker answer is one line of text in the table, nothing more. */
    @Test
    void whatTheHostAnswersIsShownAsOneLineOfText() throws IOException {
        Files.writeString(docker.resolveSibling("version.json"), "${x} #{x} $(id) ; id ../..\r\nInjected: header\0\n");
        Files.writeString(docker.resolveSibling("version.exit"), "1");

        Preflight.Report report = preflight().run();

        PreflightRow engine = row(report, "docker engine");
        assertThat(engine.status()).isEqualTo(Status.MISSING);
        assertThat(engine.detail()).contains("${x} #{x} $(id) ; id ../..").doesNotContain("\r", "\n", "\0");
    }

    private Preflight.Report assertGap(String step, Status status, String detail, String todo) {
        Preflight.Report report = preflight().run();
        assertThat(report.ok()).isFalse();
        PreflightRow row = report.gaps().stream().filter(gap -> gap.step().equals(step)).findFirst()
                .orElseThrow(() -> new AssertionError("no gap " + step + " in " + report.gaps()));
        assertThat(row.status()).as(row.line()).isEqualTo(status);
        assertThat(row.detail()).as(row.line()).contains(detail);
        assertThat(row.todo()).as(row.line()).contains(todo);
        assertThat(row.runbook()).as(row.line()).isNotBlank();
        return report;
    }

    private static PreflightRow row(Preflight.Report report, String step) {
        Predicate<PreflightRow> named = row -> row.step().equals(step);
        return report.rows().stream().filter(named).findFirst()
                .orElseThrow(() -> new AssertionError("no row " + step + " in " + report.rows()));
    }

    private Preflight preflight() {
        Binder binder = new Binder(new MapConfigurationPropertySource(properties));
        MockEnvironment environment = new MockEnvironment()
                .withProperty("camunda.bpm.deployment-resource-pattern", "classpath*:bpmn/*.bpmn");
        return new Preflight(binder.bind("recovery", ActionSettings.class).get(),
                binder.bind("recovery.target", TargetSettings.class).get(),
                binder.bindOrCreate("recovery.runbook.database-unreachable", DatabaseUnreachableSettings.class),
                binder.bindOrCreate("recovery.runbook.container-failure", ContainerFailureSettings.class),
                new CommandRunner(new CommandSettings(List.of("PATH", "HOME", "LANG", "LC_ALL", "TZ"), Duration.ofMinutes(2))),
                new HealthProbe(), new PortProbe(), new PreflightSettings(false, Duration.ofSeconds(5), List.of()), environment);
    }

    private void action(String name, Path workdir, String... command) {
        if (workdir != null) {
            properties.put("recovery.actions." + name + ".workdir", workdir.toString());
        }
        properties.put("recovery.actions." + name + ".timeout", "PT30S");
        for (int i = 0; i < command.length; i++) {
            properties.put("recovery.actions." + name + ".steps[0].command[" + i + "]", command[i]);
        }
    }

    /**
     * The FAKE docker: records each argument list in {@code calls} and answers from files beside it, as docker 27 and
     * compose 2.29 print. {@code engine=false}: {@code docker version} exits 1 with the client's half and the
     * daemon's error, as the real CLI does when nothing listens on the socket.
     */
    private Path fakeDocker(boolean engine, List<String> services, List<String> containers) throws IOException {
        Path bin = Files.createDirectories(root.resolve("fake-docker"));
        Path program = bin.resolve("docker");
        Files.writeString(bin.resolve("version.json"), engine
                ? "{\"Client\":{\"Version\":\"27.3.1\",\"ApiVersion\":\"1.47\"},\"Server\":{\"Version\":\"27.3.1\"}}\n"
                : "{\"Client\":{\"Version\":\"27.3.1\"},\"Server\":null}\nCannot connect to the Docker daemon at "
                        + "unix:///var/run/docker.sock. Is the docker daemon running?\n");
        Files.writeString(bin.resolve("version.exit"), engine ? "0" : "1");
        Files.writeString(bin.resolve("services.txt"), String.join("\n", services) + "\n");
        StringBuilder ps = new StringBuilder();
        for (String service : containers) {
            ps.append("{\"ExitCode\":0,\"ID\":\"4f1c").append(service.length()).append("\",\"Image\":\"routing-ml-")
                    .append(service).append("\",\"Labels\":\"com.docker.compose.project=routing-ml,"
                            + "com.docker.compose.service=").append(service).append("\",\"Name\":\"routing-ml-")
                    .append(service).append("-1\",\"Project\":\"routing-ml\",\"Service\":\"").append(service)
                    .append("\",\"State\":\"running\",\"Status\":\"Up 2 hours\"}\n");
        }
        Files.writeString(bin.resolve("ps.json"), ps.toString());
        Files.writeString(program, """
                #!/bin/sh
                here="$(dirname "$0")"
                printf '%s\\n' "$*" >> "$here/calls"
                case "$*" in
                  "version --format json") cat "$here/version.json"; exit "$(cat "$here/version.exit")" ;;
                  "compose config --services") cat "$here/services.txt" ;;
                  "compose ps --all --format json") cat "$here/ps.json" ;;
                  *) echo "fake docker: unexpected $*" >&2; exit 2 ;;
                esac
                """);
        Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwxr-xr-x"));
        return program;
    }

    private String calls() {
        try {
            return Files.readString(docker.resolveSibling("calls"));
        } catch (IOException e) {
            return "";
        }
    }

    private String git(String... arguments) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("git", "-C", workspace.toString()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var walk = Files.walk(dir)) {
            for (Path path : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
