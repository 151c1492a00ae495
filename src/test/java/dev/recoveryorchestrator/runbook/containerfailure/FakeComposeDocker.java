package dev.recoveryorchestrator.runbook.containerfailure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A fake {@code docker} program for Type 4's docker steps: no Docker engine runs on the machines the tests run on,
 * so this records every argument list it is called with and answers each subcommand with output recorded from a
 * real engine ({@code docker ps -a --format json} of a compose project with an exited predictor, {@code docker ps -q},
 * {@code docker volume ls}), from files the test writes. The shell here is the test's own, never the product's.
 *
 * <p>The JVM looks a program up on its own {@code PATH}, not the command's (see monitor's {@code FakeDocker}), so the
 * actions name the fake by its path, with the docker profile's arguments ({@code application-docker.yaml}). The
 * compose steps (down, rebuild) stay the demo's stand-in actions, so the health check has a real target.
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

    /** What each subcommand answers from now on; the calls recorded so far are forgotten. */
    static void answers(Path work, String ps, String ids, String volumes) throws IOException {
        Path program = program(work);
        Files.createDirectories(program.getParent());
        Files.writeString(program.resolveSibling("ps.json"), ps);
        Files.writeString(program.resolveSibling("ids"), ids);
        Files.writeString(program.resolveSibling("volumes"), volumes);
        Files.deleteIfExists(program.resolveSibling("calls"));
        Files.writeString(program, String.join("\n", List.of("#!/bin/sh",
                "dir=$(dirname \"$0\")",
                "printf '%s\\n' \"$*\" >> \"$dir/calls\"",
                "case \"$1 $*\" in",
                "  'ps '*' -q') cat \"$dir/ids\" ;;",
                "  'ps '*) cat \"$dir/ps.json\" ;;",
                "  'volume '*) cat \"$dir/volumes\" ;;",
                "  'rm '*) shift 2; printf '%s\\n' \"$@\" ;;",
                "  *) echo \"unexpected: $*\" >&2; exit 2 ;;",
                "esac", "")));
        Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** The argument lists the fake was called with, one per line. */
    static List<String> calls(Path work) throws IOException {
        Path calls = program(work).resolveSibling("calls");
        return Files.exists(calls) ? Files.readAllLines(calls) : List.of();
    }

    private static void action(DynamicPropertyRegistry registry, String name, String... command) {
        String prefix = "recovery.actions." + name;
        registry.add(prefix + ".timeout", () -> "PT10S");
        for (int i = 0; i < command.length; i++) {
            String argument = command[i];
            registry.add(prefix + ".steps[0].command[" + i + "]", () -> argument);
        }
    }

    private static Path program(Path work) {
        return work.resolve("fake-compose-docker").resolve("docker");
    }
}
