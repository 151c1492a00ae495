package dev.recoveryorchestrator.preflight;

import dev.recoveryorchestrator.action.ActionResult;
import dev.recoveryorchestrator.action.ActionSettings;
import dev.recoveryorchestrator.action.ActionSettings.Action;
import dev.recoveryorchestrator.action.ActionSettings.Step;
import dev.recoveryorchestrator.action.CommandRunner;
import dev.recoveryorchestrator.action.ContainerListing;
import dev.recoveryorchestrator.action.HealthProbe;
import dev.recoveryorchestrator.action.PortProbe;
import dev.recoveryorchestrator.action.TargetSettings;
import dev.recoveryorchestrator.config.DeployedActions;
import dev.recoveryorchestrator.config.EngineClock;
import dev.recoveryorchestrator.preflight.PreflightRow.Status;
import dev.recoveryorchestrator.runbook.containerfailure.ContainerFailureSettings;
import dev.recoveryorchestrator.runbook.databaseunreachable.ConnectionStringFile;
import dev.recoveryorchestrator.runbook.databaseunreachable.DatabaseUnreachableSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Service;

/**
 * Checks every prerequisite of every deployed runbook in the active profile, the way the runbook's steps will
 * meet them: each configured command's programs (found as they are started, run as this user), the folders with
 * the access their steps need, the docker engine with the compose project and its services, the rollback's commit
 * in the workspace, the connection string where Type 2 looks for it, and whether the health URL, the host address
 * and the ports answer. Nothing here changes anything; the probes run through {@link CommandRunner}, with the
 * commands' own environment and a short timeout. Whatever the host says (an output, a body) is shown as one line of
 * text, never interpreted.
 */
@Service
public class Preflight {

    /** Programs that run the next argument: that one must be found too. */
    private static final Set<String> WRAPPERS = Set.of("setsid", "nohup", "sudo", "nice", "ionice", "stdbuf");
    private static final List<String> COMPOSE_FILES = List.of("compose.yaml", "compose.yml", "docker-compose.yaml",
            "docker-compose.yml");
    private static final int DETAIL = 300;

    private final ActionSettings actions;
    private final TargetSettings target;
    private final DatabaseUnreachableSettings database;
    private final ContainerFailureSettings containers;
    private final CommandRunner runner;
    private final HealthProbe health;
    private final PortProbe ports;
    private final PreflightSettings settings;
    private final Environment environment;
    private final String path;
    /** The actions the deployed models call, read from the models once (they do not change while this runs). */
    private volatile SortedMap<String, SortedSet<String>> calledBy;

    Preflight(ActionSettings actions, TargetSettings target, DatabaseUnreachableSettings database,
            ContainerFailureSettings containers, CommandRunner runner, HealthProbe health, PortProbe ports,
            PreflightSettings settings, Environment environment) {
        this.actions = actions;
        this.target = target;
        this.database = database;
        this.containers = containers;
        this.runner = runner;
        this.health = health;
        this.ports = ports;
        this.settings = settings;
        this.environment = environment;
        this.path = System.getenv("PATH");
    }

    /** The table and its counts. */
    public record Report(Instant checkedAt, String user, List<String> profiles, boolean ok,
            Map<Status, Long> counts, List<PreflightRow> rows) {

        /** The rows that are not ok. */
        public List<PreflightRow> gaps() {
            return rows.stream().filter(row -> !row.ok()).toList();
        }
    }

    public Report run() {
        List<PreflightRow> rows = new ArrayList<>();
        if (calledBy == null) {
            calledBy = DeployedActions.byAction(environment);
        }
        actions.actions().forEach((name, action) -> commands(rows, name, action, runbooks(calledBy, name)));
        folders(rows);
        docker(rows, calledBy);
        commit(rows, calledBy);
        connectionString(rows);
        answers(rows);
        Map<Status, Long> counts = new EnumMap<>(Status.class);
        for (Status status : Status.values()) {
            counts.put(status, rows.stream().filter(row -> row.status() == status).count());
        }
        return new Report(EngineClock.now(), System.getProperty("user.name"),
                List.of(environment.getActiveProfiles().length > 0 ? environment.getActiveProfiles()
                        : environment.getDefaultProfiles()),
                counts.get(Status.OK) == rows.size(), counts, List.copyOf(rows));
    }

    private static String runbooks(SortedMap<String, SortedSet<String>> calledBy, String action) {
        SortedSet<String> processes = calledBy.get(action);
        return processes == null ? "monitor / diagnosis" : String.join(", ", processes);
    }

    // --- every configured command ---------------------------------------------------------------------------------

    private void commands(List<PreflightRow> rows, String name, Action action, String runbook) {
        String where = "recovery.actions." + name;
        Set<String> found = new LinkedHashSet<>();
        Set<String> missing = new LinkedHashSet<>();
        Set<String> notRunnable = new LinkedHashSet<>();
        for (Step step : action.steps()) {
            if (step.command() == null || step.command().isEmpty()) {
                continue;
            }
            for (String program : programs(step.command())) {
                Optional<Path> file = Programs.resolve(program, action.workdir(), path);
                if (file.isPresent()) {
                    found.add(program + " → " + file.get());
                } else if (Programs.presentButNotRunnable(program, action.workdir(), path)) {
                    notRunnable.add(program);
                } else {
                    missing.add(program);
                }
            }
            if (step.output() != null) {
                Path folder = step.output().toAbsolutePath().getParent();
                if (folder != null && !(Files.isDirectory(folder) && Files.isWritable(folder))
                        && !(!Files.exists(folder) && writableAncestor(folder))) {
                    rows.add(new PreflightRow(runbook, where, "write the output file " + step.output(), Status.MISSING,
                            "folder " + folder + (Files.exists(folder) ? " is not writable by " + user() : " does not exist"),
                            "create " + folder + " writable by " + user() + ", or change " + where + ".steps[].output"));
                }
            }
        }
        String needs = "programs runnable by " + user() + ": " + String.join(", ", programsOf(action));
        if (missing.isEmpty() && notRunnable.isEmpty()) {
            rows.add(PreflightRow.ok(runbook, where, needs, String.join("; ", found)));
        } else if (settings.notNeeded().contains(name)) {
            rows.add(PreflightRow.ok(runbook, where, needs, "not needed in this deployment (recovery.preflight.not-needed): "
                    + String.join(", ", missing) + String.join(", ", notRunnable) + " not available"));
        } else {
            List<String> problems = new ArrayList<>();
            missing.forEach(program -> problems.add(program + " not found" + (program.contains("/") ? ""
                    : " on the PATH (" + oneLine(path) + ")")));
            notRunnable.forEach(program -> problems.add(program + " is not executable by " + user()));
            rows.add(new PreflightRow(runbook, where, needs, Status.MISSING, String.join("; ", problems),
                    "install " + String.join(", ", missing.isEmpty() ? notRunnable : missing) + " for " + user()
                            + " (the image or the host), or change " + where + ".steps[].command"));
        }
        if (action.workdir() != null && !Files.isDirectory(action.workdir())) {
            rows.add(new PreflightRow(runbook, where + ".workdir", "working folder " + action.workdir(), Status.MISSING,
                    action.workdir() + " does not exist", "mount or create " + action.workdir()
                            + " (recovery.target.workdir / compose-dir), or change " + where + ".workdir"));
        }
        if (action.envFile() != null) {
            Path file = action.envFile();
            boolean readable = Files.isRegularFile(file) && Files.isReadable(file);
            rows.add(readable ? PreflightRow.ok(runbook, where + ".env-file", "the target's environment file, readable",
                    file.toString())
                    : new PreflightRow(runbook, where + ".env-file", "the target's environment file, readable",
                    Status.MISSING, file + (Files.exists(file) ? " is not readable by " + user() : " does not exist"),
                    "create " + file + " (the target's .env, with " + database.connectionStringVariable()
                            + ") readable by " + user() + "; the step refuses to start without it"));
        }
    }

    /** The programs a command runs: the first argument, and the one a wrapper (setsid, sudo) runs after it. */
    static List<String> programs(List<String> command) {
        List<String> programs = new ArrayList<>();
        for (int i = 0; i < command.size(); i++) {
            String argument = command.get(i);
            if (i > 0 && argument.startsWith("-")) {
                continue;
            }
            programs.add(argument);
            if (!WRAPPERS.contains(Path.of(argument).getFileName().toString())) {
                break;
            }
        }
        return programs;
    }

    private static Set<String> programsOf(Action action) {
        return action.steps().stream().filter(step -> step.command() != null && !step.command().isEmpty())
                .flatMap(step -> programs(step.command()).stream())
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    // --- folders with the access their steps need --------------------------------------------------------------------

    private void folders(List<PreflightRow> rows) {
        file(rows, "runbook-backend-api-down, monitor", "recovery.target.log-file", target.logFile(), false,
                "read the backend's log");
        file(rows, "runbook-database-unreachable, backup-daily", "recovery.target.database-file", target.databaseFile(),
                true, "read and write the Access database");
        if (target.databaseFile() != null) {
            folder(rows, "runbook-database-unreachable", "recovery.target.database-file (folder)",
                    target.databaseFile().toAbsolutePath().getParent(), "read and write the data folder (restore "
                            + "keeps the damaged file beside the restored one)");
        }
        folder(rows, "runbook-database-unreachable, backup-daily, inspection-monthly", "recovery.target.backup-dir",
                target.backupDir(), "read and write the backups");
        folder(rows, "runbook-model-corruption, backup-daily", "recovery.target.model-dir", target.modelDir(),
                "read and write the model versions");
        if (target.predictorConfig() != null) {
            file(rows, "runbook-database-unreachable", "recovery.target.predictor-config", target.predictorConfig(),
                    false, "read predictor_config.yaml");
        }
    }

    private void file(List<PreflightRow> rows, String runbook, String property, Path file, boolean write, String needs) {
        if (file == null) {
            rows.add(new PreflightRow(runbook, property, needs, Status.MISSING, "not configured",
                    "set " + property + " (" + variable(property) + ")"));
            return;
        }
        Path parent = file.toAbsolutePath().getParent();
        if (!Files.exists(file)) {
            boolean parentVisible = parent != null && Files.isDirectory(parent) && Files.isReadable(parent);
            if (parent != null && Files.exists(parent) && !parentVisible) {
                rows.add(new PreflightRow(runbook, property, needs, Status.CANNOT_CHECK, file + ": its folder is not "
                        + "readable by " + user(), "give " + user() + " read access to " + parent));
            } else {
                rows.add(new PreflightRow(runbook, property, needs, Status.MISSING, file + " does not exist",
                        "mount the folder that holds it at " + (parent == null ? file : parent) + " (a bind mount in "
                                + "docker compose), or set " + property + " (" + variable(property) + ")"));
            }
            return;
        }
        List<String> lacking = new ArrayList<>();
        if (!Files.isReadable(file)) {
            lacking.add("read");
        }
        if (write && !Files.isWritable(file)) {
            lacking.add("write");
        }
        rows.add(lacking.isEmpty() ? PreflightRow.ok(runbook, property, needs, file.toString())
                : new PreflightRow(runbook, property, needs, Status.MISSING, file + ": no " + String.join(" or ",
                lacking) + " access for " + user(), "give " + user() + " " + String.join(" and ", lacking)
                + " access to " + file + " (its group, or an ACL: setfacl -m u:" + user() + ":"
                + (write ? "rw" : "r") + " " + file + ")"));
    }

    private void folder(List<PreflightRow> rows, String runbook, String property, Path dir, String needs) {
        if (dir == null) {
            rows.add(new PreflightRow(runbook, property, needs, Status.MISSING, "not configured",
                    "set " + property + " (" + variable(property) + ")"));
            return;
        }
        if (!Files.isDirectory(dir)) {
            rows.add(new PreflightRow(runbook, property, needs, Status.MISSING, dir + " does not exist",
                    "mount or create " + dir + " (a bind mount in docker compose), or set " + property + " ("
                            + variable(property) + ")"));
            return;
        }
        List<String> lacking = new ArrayList<>();
        if (!Files.isReadable(dir) || !Files.isExecutable(dir)) {
            lacking.add("read");
        }
        if (!Files.isWritable(dir)) {
            lacking.add("write");
        }
        rows.add(lacking.isEmpty() ? PreflightRow.ok(runbook, property, needs, dir.toString())
                : new PreflightRow(runbook, property, needs, Status.MISSING, dir + ": no " + String.join(" or ", lacking)
                + " access for " + user(), "give " + user() + " " + String.join(" and ", lacking) + " access to "
                + dir + " (its group, or setfacl -R -m u:" + user() + ":rwX " + dir + ")"));
    }

    // --- the docker engine, the compose project and its services -------------------------------------------------------

    private void docker(List<PreflightRow> rows, SortedMap<String, SortedSet<String>> calledBy) {
        Optional<String> program = programNamed("docker");
        if (program.isEmpty()) {
            return;
        }
        String docker = program.get();
        String runbook = "runbook-container-failure, runbook-backend-api-down, monitor";
        ActionResult version = probe("preflight-docker-version", null, docker, "version", "--format", "json");
        boolean engine = version.succeeded() && !version.output().replaceAll("\\s", "").contains("\"Server\":null");
        rows.add(engine ? PreflightRow.ok(runbook, "docker engine", "the docker socket answers (" + docker + " version)",
                oneLine(version.output()))
                : new PreflightRow(runbook, "docker engine", "the docker socket answers (" + docker + " version)",
                Status.MISSING, oneLine(version.output()), "start the Docker engine; give " + user() + " the socket "
                        + "(the docker group, or mount /var/run/docker.sock into the container with its group id)"));
        Path composeDir = target.composeDir();
        Optional<Path> composeFile = composeDir == null ? Optional.empty()
                : COMPOSE_FILES.stream().map(composeDir::resolve).filter(Files::isRegularFile).findFirst();
        if (composeFile.isEmpty()) {
            rows.add(new PreflightRow(runbook, "recovery.target.compose-dir", "the compose project's file",
                    Status.MISSING, (composeDir == null ? "recovery.target.compose-dir not configured"
                            : "no " + String.join(" / ", COMPOSE_FILES) + " in " + composeDir),
                    "mount the Routing ML workspace at recovery.target.workdir (RECOVERY_TARGET_WORKDIR) so that "
                            + "deploy/docker/docker-compose.yml is there"));
            return;
        }
        rows.add(PreflightRow.ok(runbook, "recovery.target.compose-dir", "the compose project's file",
                composeFile.get().toString()));
        ActionResult services = probe("preflight-compose-services", composeDir, docker, "compose", "config", "--services");
        Set<String> defined = services.succeeded() ? Arrays.stream(services.output().split("\\R")).map(String::strip)
                .filter(line -> !line.isEmpty()).collect(Collectors.toSet()) : Set.of();
        ActionResult listed = engine ? probe("preflight-compose-ps", composeDir, docker, "compose", "ps", "--all",
                "--format", "json") : null;
        Set<String> withContainer = new TreeSet<>();
        if (listed != null && listed.succeeded()) {
            try {
                ContainerListing.parse(listed.output()).forEach(container -> withContainer.add(container.service()));
            } catch (RuntimeException unreadable) {
                // reported below as a service without a container
            }
        }
        for (String service : containers.services()) {
            String needs = "service " + service + " in the compose project " + containers.project() + ", with a container";
            if (!services.succeeded()) {
                rows.add(new PreflightRow(runbook, "compose service " + service, needs, Status.CANNOT_CHECK,
                        oneLine(services.output()), "run " + docker + " compose config --services in " + composeDir
                                + " as " + user() + " and fix what it says"));
            } else if (!defined.contains(service)) {
                rows.add(new PreflightRow(runbook, "compose service " + service, needs, Status.MISSING,
                        "not among the services of " + composeFile.get() + ": " + String.join(", ", new TreeSet<>(defined)),
                        "name the service in recovery.runbook.container-failure.services as the compose file does"));
            } else if (listed == null || !listed.succeeded()) {
                rows.add(new PreflightRow(runbook, "compose service " + service, needs, Status.CANNOT_CHECK,
                        listed == null ? "the engine does not answer" : oneLine(listed.output()),
                        "start the Docker engine, then docker compose up -d in " + composeDir));
            } else if (!withContainer.contains(service)) {
                rows.add(new PreflightRow(runbook, "compose service " + service, needs, Status.MISSING,
                        "no container of " + service + " (project " + containers.project() + ")",
                        "docker compose up -d " + service + " in " + composeDir));
            } else {
                rows.add(PreflightRow.ok(runbook, "compose service " + service, needs, "defined, container present"));
            }
        }
    }

    // --- the rollback's commit ----------------------------------------------------------------------------------------

    private void commit(List<PreflightRow> rows, SortedMap<String, SortedSet<String>> calledBy) {
        Optional<String> program = programNamed("git");
        if (program.isEmpty()) {
            return;
        }
        String git = program.get();
        String runbook = runbooks(calledBy, "rollback-backend") + ", runbook-container-failure";
        String needs = "recovery.target.stable-commit set and present in the workspace (" + git + " cat-file -e)";
        String commit = target.stableCommit() == null ? "" : target.stableCommit().strip();
        if (commit.isEmpty()) {
            rows.add(new PreflightRow(runbook, "rollback: recovery.target.stable-commit", needs, Status.MISSING,
                    "not set", "set RECOVERY_STABLE_COMMIT to the last stable commit (git rev-parse HEAD on a good day)"));
            return;
        }
        if (target.workdir() == null || !Files.isDirectory(target.workdir())) {
            rows.add(new PreflightRow(runbook, "rollback: recovery.target.stable-commit", needs, Status.CANNOT_CHECK,
                    "workspace " + target.workdir() + " does not exist", "mount the Routing ML workspace at "
                            + "recovery.target.workdir (RECOVERY_TARGET_WORKDIR)"));
            return;
        }
        ActionResult exists = probe("preflight-git-commit", target.workdir(), git, "cat-file", "-e", commit + "^{commit}");
        rows.add(exists.succeeded() ? PreflightRow.ok(runbook, "rollback: recovery.target.stable-commit", needs,
                commit + " in " + target.workdir())
                : new PreflightRow(runbook, "rollback: recovery.target.stable-commit", needs, Status.MISSING,
                commit + " is not a commit of " + target.workdir() + ": " + oneLine(exists.output()),
                "git fetch in " + target.workdir() + ", or set RECOVERY_STABLE_COMMIT to a commit it has; the rollback "
                        + "refuses to run until then"));
    }

    // --- the connection string where Type 2 looks for it ------------------------------------------------------------

    private void connectionString(List<PreflightRow> rows) {
        String runbook = "runbook-database-unreachable";
        String variable = database.connectionStringVariable();
        String step = "recovery.runbook.database-unreachable.env-file";
        String needs = variable + " in " + (database.envFile() == null ? "the env file" : database.envFile())
                + ", pointing at recovery.target.database-file, writable (Type 2 fixes it there)";
        if (target.databaseFile() == null) {
            rows.add(new PreflightRow(runbook, step, needs, Status.CANNOT_CHECK, "recovery.target.database-file not set",
                    "set recovery.target.database-file"));
            return;
        }
        ConnectionStringFile.Check check;
        try {
            check = ConnectionStringFile.check(database.envFile(), variable, target.databaseFile());
        } catch (IOException e) {
            rows.add(new PreflightRow(runbook, step, needs, Status.CANNOT_CHECK, oneLine(e.toString()),
                    "give " + user() + " read and write access to " + database.envFile()));
            return;
        }
        String detail = check.state().name().toLowerCase().replace('_', ' ')
                + (check.dbq().isEmpty() ? "" : ": Dbq=" + check.dbq());
        switch (check.state()) {
            case RIGHT_FILE -> rows.add(Files.isWritable(database.envFile())
                    ? PreflightRow.ok(runbook, step, needs, database.envFile() + ": " + detail)
                    : new PreflightRow(runbook, step, needs, Status.MISSING, database.envFile() + " is not writable by "
                    + user(), "give " + user() + " write access to " + database.envFile()));
            case NOT_CONFIGURED -> rows.add(new PreflightRow(runbook, step, needs, Status.MISSING, "not configured",
                    "set " + step + " to the .env the service reads"));
            case FILE_MISSING -> rows.add(new PreflightRow(runbook, step, needs, Status.MISSING,
                    database.envFile() + " does not exist", "mount the workspace so that " + database.envFile()
                            + " is there, or set " + step));
            default -> rows.add(new PreflightRow(runbook, step, needs, Status.MISSING, detail,
                    "write " + variable + "=...;Dbq=" + target.databaseFile() + "; into " + database.envFile()));
        }
    }

    // --- what answers (reported, never a start failure) --------------------------------------------------------------

    private void answers(List<PreflightRow> rows) {
        HealthProbe.Health answer = health.check(target.healthUrl(), settings.timeout());
        rows.add(answer.healthy()
                ? PreflightRow.ok("runbook-backend-api-down, monitor", "recovery.target.health-url", "the health URL "
                + "answers " + target.healthUrl(), oneLine(answer.detail()))
                : new PreflightRow("runbook-backend-api-down, monitor", "recovery.target.health-url", "the health URL "
                + "answers " + target.healthUrl(), Status.MISSING, oneLine(answer.detail()), "start Routing ML, or "
                + "set RECOVERY_TARGET_HEALTH_URL to where it answers (in docker compose: network_mode host)"));
        for (Integer port : target.ports()) {
            boolean open = ports.listening(target.host(), port, settings.timeout());
            String needs = target.host() + ":" + port + " accepts connections (what users reach)";
            rows.add(open ? PreflightRow.ok("runbook-network-outage, monitor", "recovery.target.host / ports", needs,
                    "listening")
                    : new PreflightRow("runbook-network-outage, monitor", "recovery.target.host / ports", needs,
                    Status.MISSING, "no answer within " + settings.timeout(), "start the service on port " + port
                    + ", or set recovery.target.host (RECOVERY_TARGET_HOST) to the address users reach"));
        }
    }

    // --- helpers ------------------------------------------------------------------------------------------------------

    /** The program the configured commands call by this name (a path, when they name one), first found. */
    private Optional<String> programNamed(String name) {
        return actions.actions().values().stream().flatMap(action -> action.steps().stream())
                .filter(step -> step.command() != null && !step.command().isEmpty())
                .map(step -> step.command().get(0))
                .filter(program -> Path.of(program).getFileName().toString().equals(name))
                .findFirst();
    }

    private ActionResult probe(String name, Path workdir, String... command) {
        Action action = new Action(List.of(Step.run(List.of(command), Set.of(0))), workdir, settings.timeout(), Map.of(),
                false);
        return runner.run(name, action);
    }

    private static boolean writableAncestor(Path folder) {
        for (Path dir = folder.getParent(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir)) {
                return Files.isDirectory(dir) && Files.isWritable(dir);
            }
        }
        return false;
    }

    private static String user() {
        return System.getProperty("user.name");
    }

    private static String variable(String property) {
        return property.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    private static String oneLine(String text) {
        return HealthProbe.oneLine(text == null ? "" : text, DETAIL);
    }
}
