package dev.recoveryorchestrator.monitor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A fake {@code docker} program for the container check: no Docker engine can run on the machines the tests run
 * on, so this prints what a real engine's {@code docker compose ps --all --format json} prints, from a file the
 * test writes, and exits with the code the test chooses. The shell here is the test's own, never the product's.
 *
 * <p>The JVM looks a program up on its own {@code PATH}, not the command's, and these machines have a docker CLI
 * (without an engine) on theirs: so the configured action names the fake by its path, with the same arguments as
 * the {@code docker} profile's {@code list-containers}.
 */
public final class FakeDocker {

    static final String ACTION = "test-list-containers";

    private FakeDocker() {
    }

    public static void register(DynamicPropertyRegistry registry, Path work) {
        String prefix = "recovery.actions." + ACTION;
        registry.add(prefix + ".timeout", () -> "PT10S");
        String[] command = {program(work).toString(), "compose", "ps", "--all", "--format", "json"};
        for (int i = 0; i < command.length; i++) {
            String argument = command[i];
            registry.add(prefix + ".steps[0].command[" + i + "]", () -> argument);
        }
    }

    /** Makes the fake print {@code output} and exit with {@code exitCode} from now on. */
    static void answers(Path work, String output, int exitCode) throws IOException {
        Path program = program(work);
        Files.createDirectories(program.getParent());
        Files.writeString(program.resolveSibling("ps.json"), output);
        Files.writeString(program, "#!/bin/sh\nprintf '%s\\n' \"$*\" >> \"$(dirname \"$0\")/calls\"\n"
                + "cat \"$(dirname \"$0\")/ps.json\"\nexit " + exitCode + "\n");
        Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** The argument lists the fake was called with, one per line. */
    static String calls(Path work) throws IOException {
        Path calls = program(work).resolveSibling("calls");
        return Files.exists(calls) ? Files.readString(calls) : "";
    }

    private static Path program(Path work) {
        return work.resolve("fake-docker").resolve("docker");
    }
}
