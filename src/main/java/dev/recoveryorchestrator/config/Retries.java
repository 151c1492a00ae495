package dev.recoveryorchestrator.config;

import org.springframework.stereotype.Component;

/** The retry cycles as the models read them ({@code camunda:failedJobRetryTimeCycle="${retries.mail()}"}). */
@Component("retries")
public class Retries {

    private final RetrySettings settings;

    Retries(RetrySettings settings) {
        this.settings = settings;
    }

    public String mail() {
        return settings.mail();
    }

    public String command() {
        return settings.command();
    }
}
