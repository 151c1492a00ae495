package dev.recoveryorchestrator;

import dev.recoveryorchestrator.action.InlineLimit;
import dev.recoveryorchestrator.incident.LifecycleSettings;
import dev.recoveryorchestrator.runbook.backendapidown.BackendApiDownSettings;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/**
 * At start-up, holds the health checks that jobs run inline (tries x (timeout + pause)) against the inline limit
 * ({@link InlineLimit}), so that none keeps a job past its lock. It lives here, above the feature packages,
 * because it reads the settings of several of them; {@code config/} cannot (the features depend on it).
 */
@Component
class InlineChecks implements InitializingBean {

    private final InlineLimit limit;
    private final BackendApiDownSettings backendApiDown;
    private final LifecycleSettings lifecycle;

    InlineChecks(InlineLimit limit, BackendApiDownSettings backendApiDown, LifecycleSettings lifecycle) {
        this.limit = limit;
        this.backendApiDown = backendApiDown;
        this.lifecycle = lifecycle;
    }

    @Override
    public void afterPropertiesSet() {
        limit.require("recovery.runbook.backend-api-down.health-attempts",
                InlineLimit.retried(backendApiDown.healthAttempts(), backendApiDown.healthTimeout(), backendApiDown.healthInterval()),
                "Its health check tries health-attempts times, each up to health-timeout, health-interval apart: "
                        + "fewer tries or shorter pauses.");
        limit.require("recovery.lifecycle.verify-attempts",
                InlineLimit.retried(lifecycle.verifyAttempts(), lifecycle.healthTimeout(), lifecycle.verifyInterval()),
                "The recovery check tries verify-attempts times, each up to health-timeout, verify-interval apart: "
                        + "fewer tries or shorter pauses.");
    }
}
