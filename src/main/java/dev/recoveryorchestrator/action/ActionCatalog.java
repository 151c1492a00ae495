package dev.recoveryorchestrator.action;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** The named actions a runbook may run: configured commands first, then actions written in code. */
@Component
public class ActionCatalog {

    private final ActionSettings settings;
    private final CommandRunner runner;
    private final Map<String, RecoveryAction> builtIn;

    ActionCatalog(ActionSettings settings, CommandRunner runner, List<RecoveryAction> builtIn) {
        this.settings = settings;
        this.runner = runner;
        this.builtIn = builtIn.stream().collect(Collectors.toMap(RecoveryAction::name, Function.identity()));
    }

    /** Runs the named action; a name that nothing provides is a configuration fault, not a finding. */
    public ActionResult run(String name) {
        ActionSettings.Action configured = settings.actions().get(name);
        if (configured != null) {
            return runner.run(name, configured);
        }
        RecoveryAction action = builtIn.get(name);
        if (action != null) {
            return action.run();
        }
        throw new IllegalStateException("No action '" + name + "': configure recovery.actions." + name
                + " (known: " + names() + ")");
    }

    public boolean has(String name) {
        return settings.actions().containsKey(name) || builtIn.containsKey(name);
    }

    public TreeSet<String> names() {
        TreeSet<String> names = new TreeSet<>(settings.actions().keySet());
        names.addAll(builtIn.keySet());
        return names;
    }
}
