package dev.recoveryorchestrator.action;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The environment a command gets, built explicitly: the allowed variables of the orchestrator's own environment
 * ({@code recovery.commands.inherit-env}), then the target's environment file when the action names one
 * ({@code recovery.actions.<name>.env-file}, read now), then the action's own ({@code recovery.actions.<name>.env}).
 * Nothing else is inherited, so the orchestrator's secrets never reach a command.
 */
final class CommandEnvironment {

    private final List<String> inherited;
    private final Map<String, String> parent;

    /**
     * @param parent the orchestrator's environment ({@link System#getenv()}); tests give their own
     */
    CommandEnvironment(List<String> inherited, Map<String, String> parent) {
        this.inherited = List.copyOf(inherited);
        this.parent = Map.copyOf(parent);
    }

    /** Exactly the variables a command of this action sees. */
    Map<String, String> of(Map<String, String> actionEnv) {
        Map<String, String> env = new TreeMap<>();
        for (String name : inherited) {
            String value = parent.get(name);
            if (value != null) {
                env.put(name, value);
            }
        }
        env.putAll(actionEnv);
        return env;
    }

    /**
     * Exactly the variables a command of this action sees, its environment file read now.
     *
     * @throws IOException when the action names an environment file that cannot be read
     */
    Map<String, String> of(ActionSettings.Action action) throws IOException {
        if (action.envFile() == null) {
            return of(action.env());
        }
        Map<String, String> env = new TreeMap<>();
        try {
            env.putAll(EnvFile.read(action.envFile()));
        } catch (IOException e) {
            throw new IOException("environment file " + action.envFile() + " cannot be read (" + e + ")", e);
        }
        env.putAll(action.env());
        return of(env);
    }

    /** Replaces the environment a {@link ProcessBuilder} starts with (a copy of this JVM's) by {@link #of}. */
    void applyTo(ProcessBuilder builder, ActionSettings.Action action) throws IOException {
        Map<String, String> wanted = of(action);
        Map<String, String> environment = builder.environment();
        environment.clear();
        environment.putAll(wanted);
    }

    /**
     * The same for zt-exec, which can only add to the JVM's environment or remove from it (a {@code null} value
     * removes): every variable of this JVM is removed, then {@link #of} is set.
     */
    Map<String, String> asZtExecChanges(ActionSettings.Action action) throws IOException {
        Map<String, String> wanted = of(action);
        Map<String, String> changes = new LinkedHashMap<>();
        System.getenv().keySet().forEach(name -> changes.put(name, null));
        changes.putAll(wanted);
        return changes;
    }
}
