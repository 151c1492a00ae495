package dev.recoveryorchestrator.runbook.backendapidown;

import org.springframework.stereotype.Component;

/** The Type 1 model's timer: {@code ${backendApiDownTimers.logWatch()}}, the log watch window as ISO-8601. */
@Component("backendApiDownTimers")
public class BackendApiDownTimers {

    private final BackendApiDownSettings settings;

    BackendApiDownTimers(BackendApiDownSettings settings) {
        this.settings = settings;
    }

    public String logWatch() {
        return settings.logWatch().toString();
    }
}
