package dev.recoveryorchestrator.runbook;

import java.nio.file.Path;
import java.util.List;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Tracked actions of the shared test context, real programs that the {@code run-action} tests start ({@link
 * RunActionProcessTest}). A shell here is the test's own, never the product's.
 */
public final class TestActions {

    /** Prints "waiting", runs until {@link #release(Path)} exists, then prints "released". */
    static final String WAITS = "test-waits";
    static final String FAILS = "test-fails";
    /** Sleeps {@link #HANG_SECONDS} seconds, far past its one-second timeout. */
    static final String HANGS = "test-hangs";
    static final String HANG_SECONDS = "37.13579";
    /** Sleeps {@link #SLEEP_SECONDS} seconds well inside its two-minute timeout: a long action only a cancelling ends. */
    static final String SLEEPS = "test-sleeps";
    static final String SLEEP_SECONDS = "43.97531";
    /** Prints values that would mean something to a template, an expression language or a shell. */
    static final String HOSTILE = "test-hostile";
    static final List<String> HOSTILE_VALUES = List.of("${x}", "#{x}", "{0}", "%s", "$(id)", "; id", "../..");

    private TestActions() {
    }

    public static void register(DynamicPropertyRegistry registry, Path work) {
        action(registry, WAITS, "PT30S", "sh", "-c",
                "echo waiting; while [ ! -e \"$1\" ]; do sleep 0.05; done; echo released", "sh", release(work).toString());
        action(registry, FAILS, "PT20S", "sh", "-c", "echo failing; exit 3");
        action(registry, HANGS, "PT1S", "sleep", HANG_SECONDS);
        action(registry, SLEEPS, "PT2M", "sleep", SLEEP_SECONDS);
        String[] printf = new String[HOSTILE_VALUES.size() + 2];
        printf[0] = "printf";
        printf[1] = "%s\\n";
        for (int i = 0; i < HOSTILE_VALUES.size(); i++) {
            printf[i + 2] = HOSTILE_VALUES.get(i);
        }
        action(registry, HOSTILE, "PT20S", printf);
    }

    static Path release(Path work) {
        return work.resolve("run-action-release");
    }

    private static void action(DynamicPropertyRegistry registry, String name, String timeout, String... command) {
        String prefix = "recovery.actions." + name;
        registry.add(prefix + ".tracked", () -> "true");
        registry.add(prefix + ".timeout", () -> timeout);
        for (int i = 0; i < command.length; i++) {
            String argument = command[i];
            registry.add(prefix + ".steps[0].command[" + i + "]", () -> argument);
        }
    }
}
