package dev.recoveryorchestrator.monitor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A FAKE {@code docker} for the monitor's event stream: no Docker engine can run on the machines the tests run on,
 * so this test-owned shell script stands for {@code docker events}. Each time it is started (the n-th start) it
 * records its arguments in {@code calls} and its pid in {@code pids}, prints the bytes of {@code events-n} as they
 * are (the lines a real engine prints, or hostile ones), then exits when {@code exit-n} exists (a broken stream) or
 * else hangs as a stream that waits for the next event does. The shell is the test's own, never the product's.
 *
 * <p>The JVM looks a program up on its own {@code PATH}, and these machines may have a docker CLI without an
 * engine on theirs: the action names the fake by its path, with the docker profile's arguments of
 * {@code watch-container-events}.
 */
public final class FakeDockerEvents {

    static final String ACTION = "test-container-events";

    private FakeDockerEvents() {
    }

    public static void register(DynamicPropertyRegistry registry, Path work) {
        String prefix = "recovery.actions." + ACTION;
        registry.add(prefix + ".timeout", () -> "PT10S");
        List<String> command = List.of(program(work).toString(), "events", "--format", "{{json .}}", "--filter",
                "type=container", "--filter", "label=com.docker.compose.project=routing-ml");
        for (int i = 0; i < command.size(); i++) {
            String argument = command.get(i);
            registry.add(prefix + ".steps[0].command[" + i + "]", () -> argument);
        }
    }

    /** A fresh fake: nothing printed yet, no calls; every start prints nothing and hangs until told otherwise. */
    static void reset(Path work) throws IOException {
        Path program = program(work);
        Path dir = Files.createDirectories(program.getParent());
        try (var old = Files.list(dir)) {
            for (Path file : old.toList()) {
                Files.delete(file);
            }
        }
        Files.writeString(program, """
                #!/bin/sh
                dir=$(dirname "$0")
                printf '%s\\n' "$*" >> "$dir/calls"
                n=$(wc -l < "$dir/calls")
                n=$((n + 0))
                echo $$ >> "$dir/pids"
                if [ -f "$dir/events-$n" ]; then cat "$dir/events-$n"; fi
                if [ -f "$dir/exit-$n" ]; then exit 3; fi
                exec sleep 600
                """);
        Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwx------"));
    }

    /** What the {@code start}-th start prints, byte for byte; {@code thenExit}: the stream ends after it. */
    static void onStart(Path work, int start, byte[] printed, boolean thenExit) throws IOException {
        Path dir = program(work).getParent();
        Files.write(dir.resolve("events-" + start), printed);
        if (thenExit) {
            Files.writeString(dir.resolve("exit-" + start), "");
        }
    }

    /** The argument lists it was started with, one per line. */
    static List<String> calls(Path work) throws IOException {
        Path calls = program(work).resolveSibling("calls");
        return Files.exists(calls) ? Files.readAllLines(calls) : List.of();
    }

    /** The pid of every start. */
    static List<Long> pids(Path work) throws IOException {
        Path pids = program(work).resolveSibling("pids");
        return Files.exists(pids) ? Files.readAllLines(pids).stream().map(String::strip).map(Long::parseLong).toList()
                : List.of();
    }

    private static Path program(Path work) {
        return work.resolve("fake-docker-events").resolve("docker");
    }
}
