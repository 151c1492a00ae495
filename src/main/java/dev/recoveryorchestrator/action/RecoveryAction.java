package dev.recoveryorchestrator.action;

/**
 * An action that is code rather than a configured command, such as restarting the demo's stand-in backend.
 * Beans of this type join the {@link ActionCatalog} under their {@link #name()}; a configured command of the
 * same name wins.
 */
public interface RecoveryAction {

    String name();

    ActionResult run();
}
