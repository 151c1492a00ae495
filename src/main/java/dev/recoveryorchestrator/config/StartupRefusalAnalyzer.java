package dev.recoveryorchestrator.config;

import java.util.stream.Collectors;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Prints a {@link StartupRefusedException} as Spring Boot's "APPLICATION FAILED TO START" report, one line a problem. */
class StartupRefusalAnalyzer extends AbstractFailureAnalyzer<StartupRefusedException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, StartupRefusedException cause) {
        String description = cause.problems().stream()
                .map(problem -> "  - " + problem)
                .collect(Collectors.joining("\n",
                        "Refused to start with profiles " + cause.profiles() + ", before anything was written:\n", ""));
        String action = "The demo runs with no profile or with 'demo' alone. Production runs with 'postgres' "
                + "(and 'docker' or 'local') and needs each property named above; "
                + "see docs/operations.md (Profiles) and docs/configuration.md.";
        return new FailureAnalysis(description, action, cause);
    }
}
