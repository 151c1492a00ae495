package dev.recoveryorchestrator.config;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The start is refused by {@link StartupGuard}: what is missing, one line each. */
class StartupRefusedException extends IllegalStateException {

    private final Set<String> profiles;
    private final List<String> problems;

    StartupRefusedException(Set<String> profiles, List<String> problems) {
        super("Refusing to start with profiles " + profiles + ": " + String.join("; ", problems));
        this.profiles = Collections.unmodifiableSet(new LinkedHashSet<>(profiles));
        this.problems = List.copyOf(problems);
    }

    Set<String> profiles() {
        return profiles;
    }

    List<String> problems() {
        return problems;
    }
}
