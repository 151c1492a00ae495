package dev.recoveryorchestrator.runbook.networkoutage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A fake {@code ufw} for Type 3's tests: the machines the tests run on have no firewall tool, and no test may change
 * the machine's firewall. The shared test context names it, by path, for the actions {@code network-firewall-ufw}
 * ({@code ufw status}) and {@code network-allow-ports} ({@code ufw allow <port>/tcp}, the stand-in's port). Until a
 * test calls {@link #answers} the program does not exist, so the listing fails like a missing tool; {@code iptables}
 * stays the real (absent) one. Every call is recorded. The shell here is the test's own, never the product's.
 */
public final class FakeFirewall {

    private FakeFirewall() {
    }

    public static void register(DynamicPropertyRegistry registry, Path work, int port) {
        String ufw = program(work).toString();
        registry.add("recovery.actions.network-firewall-ufw.timeout", () -> "PT10S");
        registry.add("recovery.actions.network-firewall-ufw.steps[0].command[0]", () -> ufw);
        registry.add("recovery.actions.network-firewall-ufw.steps[0].command[1]", () -> "status");
        registry.add("recovery.actions.network-allow-ports.timeout", () -> "PT10S");
        registry.add("recovery.actions.network-allow-ports.steps[0].command[0]", () -> ufw);
        registry.add("recovery.actions.network-allow-ports.steps[0].command[1]", () -> "allow");
        registry.add("recovery.actions.network-allow-ports.steps[0].command[2]", () -> port + "/tcp");
    }

    /** From now on {@code ufw status} prints {@code status}; {@code ufw allow} prints "Rule added". */
    static void answers(Path work, String status) throws IOException {
        answers(work, status, 0);
    }

    /** As {@link #answers(Path, String)}, and {@code ufw status} exits with {@code exitCode} (4: not root). */
    static void answers(Path work, String status, int exitCode) throws IOException {
        Path program = program(work);
        Files.createDirectories(program.getParent());
        Files.writeString(program.resolveSibling("status.txt"), status);
        Files.writeString(program, "#!/bin/sh\nprintf '%s\\n' \"$*\" >> \"$(dirname \"$0\")/calls\"\n"
                + "if [ \"$1\" = status ]; then cat \"$(dirname \"$0\")/status.txt\"; exit " + exitCode + "; fi\n"
                + "echo 'Rule added'\n");
        Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** Back to a machine without ufw. */
    static void uninstall(Path work) throws IOException {
        Files.deleteIfExists(program(work));
        Files.deleteIfExists(program(work).resolveSibling("calls"));
    }

    /** The argument lists the fake was called with, one per line. */
    static String calls(Path work) throws IOException {
        Path calls = program(work).resolveSibling("calls");
        return Files.exists(calls) ? Files.readString(calls) : "";
    }

    private static Path program(Path work) {
        return work.resolve("fake-firewall").resolve("ufw");
    }
}
