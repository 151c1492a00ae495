package dev.recoveryorchestrator.runbook;

import org.springframework.stereotype.Component;

/** Candidate groups of the runbooks' human tasks, from configuration: {@code ${runbookGroups.responders()}}. */
@Component("runbookGroups")
public class RunbookGroups {

    private final RunbookSettings settings;

    RunbookGroups(RunbookSettings settings) {
        this.settings = settings;
    }

    public String responders() {
        return settings.responderGroup();
    }
}
