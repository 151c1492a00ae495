package dev.recoveryorchestrator.config;

import java.util.SortedMap;
import java.util.SortedSet;
import org.springframework.core.env.Environment;

/**
 * The actions the deployed models call, each with the processes calling it, read from the models themselves
 * ({@link RunbookActionsGuard}): the preflight names the runbook each command serves.
 */
public final class DeployedActions {

    private DeployedActions() {
    }

    public static SortedMap<String, SortedSet<String>> byAction(Environment environment) {
        return RunbookActionsGuard.called(environment).actions();
    }
}
