package dev.recoveryorchestrator.action;

import java.time.Duration;

/**
 * An action that is code rather than a configured command, such as restarting the demo's stand-in backend.
 * Beans of this type join the {@link ActionCatalog} under their {@link #name()}; a configured command of the
 * same name wins.
 */
public interface RecoveryAction {

    String name();

    ActionResult run();

    /**
     * The longest one {@link #run()} can take. It is the deadline of the action as tracked background work, and
     * an action that is not {@link #tracked()} must stay within {@code recovery.commands.inline-limit}, or the
     * application refuses to start.
     */
    Duration timeout();

    /** Runs only as tracked background work (the {@code run-action} process), never inside a job. */
    default boolean tracked() {
        return false;
    }
}
