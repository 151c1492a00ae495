package dev.recoveryorchestrator.action;

import java.util.Optional;

/**
 * The target's process as the orchestrator started it (the demo's stand-in, {@code standin/StandinSupervisor}): the
 * monitor's {@code ProcessWatch} follows it when no pid file is configured.
 */
@FunctionalInterface
public interface TargetProcess {

    /** The running process, if there is one now. */
    Optional<ProcessHandle> current();
}
