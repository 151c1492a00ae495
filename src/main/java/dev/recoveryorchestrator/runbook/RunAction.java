package dev.recoveryorchestrator.runbook;

import org.springframework.stereotype.Component;

/**
 * What the {@code run-action} model reads from configuration: {@code ${runAction.pollInterval()}} (ISO-8601) and
 * {@code ${runAction.group()}}, so that the model holds no duration and no group.
 */
@Component("runAction")
public class RunAction {

    /** Process definition key of the called process that runs one action as tracked background work. */
    public static final String PROCESS = "run-action";
    private final RunActionSettings settings;

    RunAction(RunActionSettings settings) {
        this.settings = settings;
    }

    public String pollInterval() {
        return settings.pollInterval().toString();
    }

    public String group() {
        return settings.group();
    }
}
