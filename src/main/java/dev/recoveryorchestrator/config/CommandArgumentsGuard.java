package dev.recoveryorchestrator.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;

/**
 * A configured command whose argument comes from a setting that is unset would do the wrong thing on the night it
 * runs: the rollback's {@code git checkout ""} when {@code RECOVERY_STABLE_COMMIT} is empty. The commands are read
 * as written ({@code "${recovery.target.stable-commit}"}, before placeholders are resolved), and every setting an
 * argument takes without a default of its own must have a value; an argument that is empty as written is refused
 * too. {@link StartupGuard} asks this in production, naming the setting, its variable and the actions using it.
 * Everything else the runbooks need and cannot be checked without the host (a commit that is set but missing, a
 * folder, a program) is the preflight's warning, not a refusal.
 */
final class CommandArgumentsGuard {

    /** {@code ${name}} or {@code ${name:default}}, the innermost ones (a default may hold another placeholder). */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^${}:]+)(?::([^${}]*))?}");

    private CommandArgumentsGuard() {
    }

    /** One step as written (every field of {@code ActionSettings.Step}, so that none is left unbound). */
    record RawStep(List<String> command, Map<String, String> stop, List<String> successExitCodes, String background,
            String output) {
    }

    /** One action's steps as written. */
    record RawAction(List<RawStep> steps) {
    }

    /** What would run with an empty argument, one line per setting, naming it and what to do; empty if nothing. */
    static List<String> problems(Environment environment) {
        SortedMap<String, SortedSet<String>> unsetSettings = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        raw(environment).forEach((name, action) -> {
            if (action == null || action.steps() == null) {
                return;
            }
            for (int s = 0; s < action.steps().size(); s++) {
                RawStep step = action.steps().get(s);
                if (step == null || step.command() == null) {
                    continue;
                }
                for (int a = 0; a < step.command().size(); a++) {
                    String argument = step.command().get(a);
                    if (argument == null || argument.isEmpty()) {
                        problems.add(RunbookActionsGuard.ACTIONS + "." + name + ".steps[" + s + "].command[" + a
                                + "] is empty: a command never runs with an empty argument (remove it or give it a value)");
                        continue;
                    }
                    Matcher placeholder = PLACEHOLDER.matcher(argument);
                    while (placeholder.find()) {
                        String setting = placeholder.group(1).strip();
                        String fallback = placeholder.group(2);
                        if ((fallback == null || fallback.isBlank()) && StartupGuard.value(environment, setting) == null) {
                            unsetSettings.computeIfAbsent(setting, key -> new TreeSet<>()).add(name);
                        }
                    }
                }
            }
        });
        unsetSettings.forEach((setting, actions) -> problems.add(setting + " is unset, and " + RunbookActionsGuard.ACTIONS
                + "." + String.join(", " + RunbookActionsGuard.ACTIONS + ".", actions) + " would run with it empty (set "
                + variable(environment, setting) + (setting.equals("recovery.target.stable-commit")
                        ? " to the last stable commit of the Routing ML workspace, e.g. git rev-parse HEAD on a good day"
                        : "") + ")"));
        return problems;
    }

    /** The actions as written: a binder without placeholder resolution sees {@code ${...}} itself. */
    private static Map<String, RawAction> raw(Environment environment) {
        if (!(environment instanceof ConfigurableEnvironment configurable)) {
            return Map.of();
        }
        Binder unresolved = new Binder(ConfigurationPropertySources.get(configurable));
        return unresolved.bind(RunbookActionsGuard.ACTIONS, Bindable.mapOf(String.class, RawAction.class))
                .orElse(Map.of());
    }

    /**
     * The environment variable that sets a property: the one its configured value names
     * ({@code stable-commit: ${RECOVERY_STABLE_COMMIT:}}), else the one Spring's relaxed binding reads.
     */
    static String variable(Environment environment, String property) {
        if (property.toUpperCase(Locale.ROOT).equals(property)) {
            return property;
        }
        if (environment instanceof ConfigurableEnvironment configurable) {
            String written = new Binder(ConfigurationPropertySources.get(configurable)).bind(property, String.class)
                    .orElse("");
            Matcher named = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?::[^${}]*)?}").matcher(written.strip());
            if (named.matches()) {
                return named.group(1);
            }
        }
        return property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }
}
