package dev.recoveryorchestrator.runbook.containerfailure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A fake {@code docker} program for Type 4's docker steps: no Docker engine runs on the machines the tests run on,
 * so this records every argument list it is called with and answers each subcommand with output recorded from a
 * real engine ({@code docker ps -a --format json} of a compose project with an exited predictor, {@code docker ps -q},
 * {@code docker volume ls}), from files the test writes. The shell here is the test's own, never the product's.
 *
 * <p>The JVM looks a program up on its own {@code PATH}, not the command's (see monitor's {@code FakeDocker}), so the
 * actions name the fake by its path, with the docker profile's arguments ({@code application-docker.yaml}). With
 * {@link #register} the compose steps (down, rebuild) stay the demo's stand-in actions, so the health check has a real
 * target; {@link #registerCompose} makes them (and the monitor's {@code list-containers}) the fake's too, which then
 * keeps the project's state in files: {@code docker compose down} and {@code up -d} switch the listings to what
 * {@link #after} wrote for them, as a real engine's would change.
 */
public final class FakeComposeDocker {

    /** A real {@code docker ps -a --format json} line (docker 27), the service in the labels; state and status vary. */
    static String container(String service, String id, String state, String status) {
        return "{\"Command\":\"\\\"uvicorn backend.r…\\\"\",\"CreatedAt\":\"2025-09-01 10:00:00 +0900 KST\",\"ID\":\"" + id
                + "\",\"Image\":\"routing-ml-" + service + "\",\"Labels\":\"com.docker.compose.config-hash=9d1c0e,"
                + "com.docker.compose.container-number=1,com.docker.compose.depends_on=,com.docker.compose.image=sha256:5b1e,"
                + "com.docker.compose.oneoff=False,com.docker.compose.project=routing-ml,com.docker.compose.project.config_files="
                + "/workspaces/Routing_ML_4/deploy/docker/docker-compose.yml,com.docker.compose.project.working_dir="
                + "/workspaces/Routing_ML_4/deploy/docker,com.docker.compose.service=" + service
                + ",com.docker.compose.version=2.29.1\",\"LocalVolumes\":\"1\",\"Mounts\":\"routing-ml_models\",\"Names\":"
                + "\"routing-ml-" + service + "-1\",\"Networks\":\"routing-ml_default\",\"Ports\":\"\",\"RunningFor\":"
                + "\"2 hours ago\",\"Size\":\"0B\",\"State\":\"" + state + "\",\"Status\":\"" + status + "\"}";
    }

    /**
     * A real {@code docker compose ps --all --format json} line (compose 2.29: one object per line, the service and
     * the exit code as fields of their own).
     */
    static String composeContainer(String service, String id, String state, String status, int exitCode) {
        return "{\"Command\":\"\\\"uvicorn backend.r…\\\"\",\"CreatedAt\":\"2025-09-01 10:00:00 +0900 KST\",\"ExitCode\":"
                + exitCode + ",\"Health\":\"\",\"ID\":\"" + id + "\",\"Image\":\"routing-ml-" + service + "\",\"Labels\":"
                + "\"com.docker.compose.project=routing-ml,com.docker.compose.service=" + service + "\",\"LocalVolumes\":\"1\","
                + "\"Mounts\":\"routing-ml_models\",\"Name\":\"routing-ml-" + service + "-1\",\"Names\":\"routing-ml-"
                + service + "-1\",\"Networks\":\"routing-ml_default\",\"Ports\":\"\",\"Project\":\"routing-ml\","
                + "\"Publishers\":[],\"RunningFor\":\"2 hours ago\",\"Service\":\"" + service + "\",\"Size\":\"0B\","
                + "\"State\":\"" + state + "\",\"Status\":\"" + status + "\"}";
    }

    private FakeComposeDocker() {
    }

    public static void register(DynamicPropertyRegistry registry, Path work) {
        String docker = program(work).toString();
        String label = "label=com.docker.compose.project=routing-ml";
        action(registry, "container-list", docker, "ps", "-a", "--filter", label, "--format", "json");
        action(registry, "container-volumes", docker, "volume", "ls", "--format", "{{.Name}}");
        action(registry, "container-leftovers", docker, "ps", "-a", "--no-trunc", "--filter", label, "-q");
        action(registry, "container-remove", docker, "rm", "-f");
        // The demo has no volumes to check; with the fake, the docker profile's.
        registry.add("recovery.runbook.container-failure.volumes[0]", () -> "routing-ml_models");
    }

    /**
     * Also the compose steps as the docker profile's commands ({@code compose-down}, {@code compose-rebuild}, tracked)
     * and the monitor's container listing ({@code list-containers}, {@code docker compose ps --all --format json}),
     * all calling the fake: the stand-in is then only the health check's target, never stopped or started.
     */
    public static void registerCompose(DynamicPropertyRegistry registry, Path work) {
        register(registry, work);
        String docker = program(work).toString();
        action(registry, "list-containers", false, List.of(List.of(docker, "compose", "ps", "--all", "--format", "json")));
        action(registry, "compose-down", true, List.of(List.of(docker, "compose", "down")));
        action(registry, "compose-rebuild", true, List.of(List.of(docker, "compose", "build", "--no-cache"),
                List.of(docker, "compose", "up", "-d")));
    }

    /** What each subcommand answers from now on ({@code compose ps} nothing); the calls recorded so far are forgotten. */
    static void answers(Path work, String ps, String ids, String volumes) throws IOException {
        answers(work, ps, "", ids, volumes);
    }

    /**
     * What each subcommand answers from now on, {@code docker compose ps} included; the calls recorded so far and
     * the states written by {@link #after} are forgotten.
     */
    static void answers(Path work, String ps, String composePs, String ids, String volumes) throws IOException {
        Path program = program(work);
        Files.createDirectories(program.getParent());
        listings(program.getParent(), ps, composePs, ids);
        Files.writeString(program.resolveSibling("volumes"), volumes);
        Files.deleteIfExists(program.resolveSibling("calls"));
        for (String command : List.of("down", "up")) {
            Path state = program.resolveSibling("after-" + command);
            if (Files.isDirectory(state)) {
                try (Stream<Path> files = Files.list(state)) {
                    for (Path file : files.toList()) {
                        Files.delete(file);
                    }
                }
                Files.delete(state);
            }
        }
        Files.writeString(program, String.join("\n", List.of("#!/bin/sh",
                "dir=$(dirname \"$0\")",
                "printf '%s\\n' \"$*\" >> \"$dir/calls\"",
                "# The listings become the ones written for this compose command, each file replaced whole.",
                "state() {",
                "  [ -d \"$dir/after-$1\" ] || return 0",
                "  for file in ps.json compose-ps.json ids; do",
                "    cp \"$dir/after-$1/$file\" \"$dir/.$file\" && mv \"$dir/.$file\" \"$dir/$file\"",
                "  done",
                "}",
                "case \"$1 $*\" in",
                "  'compose compose ps '*) cat \"$dir/compose-ps.json\" ;;",
                "  'compose compose down') state down; echo ' Container routing-ml-predictor-1  Removed' >&2 ;;",
                "  'compose compose build --no-cache') echo ' predictor  Built' >&2 ;;",
                "  'compose compose up -d') state up; echo ' Container routing-ml-predictor-1  Started' >&2 ;;",
                "  'ps '*' -q') cat \"$dir/ids\" ;;",
                "  'ps '*) cat \"$dir/ps.json\" ;;",
                "  'volume '*) cat \"$dir/volumes\" ;;",
                "  'rm '*) shift 2; printf '%s\\n' \"$@\" ;;",
                "  *) echo \"unexpected: $*\" >&2; exit 2 ;;",
                "esac", "")));
        Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /**
     * What {@code docker ps -a}, {@code docker compose ps} and the leftover listing answer once
     * {@code docker compose <command>} ({@code down} or {@code up -d}) has run.
     */
    static void after(Path work, String command, String ps, String composePs, String ids) throws IOException {
        Path state = program(work).resolveSibling("after-" + command);
        Files.createDirectories(state);
        listings(state, ps, composePs, ids);
    }

    /**
     * What the listings answer from now on, while the program may be running (the monitor calls it every round):
     * the program and the calls recorded so far stay, each listing is replaced whole.
     */
    static void now(Path work, String ps, String composePs, String ids) throws IOException {
        listings(program(work).getParent(), ps, composePs, ids);
    }

    private static void listings(Path folder, String ps, String composePs, String ids) throws IOException {
        for (var listing : Map.of("ps.json", ps, "compose-ps.json", composePs, "ids", ids).entrySet()) {
            Path written = Files.writeString(folder.resolve("." + listing.getKey() + ".new"), listing.getValue());
            Files.move(written, folder.resolve(listing.getKey()), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** The argument lists the fake was called with, one per line. */
    static List<String> calls(Path work) throws IOException {
        Path calls = program(work).resolveSibling("calls");
        return Files.exists(calls) ? Files.readAllLines(calls) : List.of();
    }

    private static void action(DynamicPropertyRegistry registry, String name, String... command) {
        action(registry, name, false, List.of(List.of(command)));
    }

    private static void action(DynamicPropertyRegistry registry, String name, boolean tracked, List<List<String>> steps) {
        String prefix = "recovery.actions." + name;
        registry.add(prefix + ".timeout", () -> "PT10S");
        registry.add(prefix + ".tracked", () -> tracked);
        for (int step = 0; step < steps.size(); step++) {
            List<String> command = steps.get(step);
            for (int i = 0; i < command.size(); i++) {
                String argument = command.get(i);
                registry.add(prefix + ".steps[" + step + "].command[" + i + "]", () -> argument);
            }
        }
    }

    private static Path program(Path work) {
        return work.resolve("fake-compose-docker").resolve("docker");
    }
}
