package dev.recoveryorchestrator.action;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/**
 * At start-up, holds every health check that a job runs with retries (tries × (timeout + pause)) to the inline
 * limit ({@link InlineLimit}), so that none keeps a job past its lock; a breach stops the start naming the property.
 */
@Component
class HealthCheckLimits implements InitializingBean {

    private final InlineLimit limit;
    private final HealthCheckSettings settings;

    HealthCheckLimits(InlineLimit limit, HealthCheckSettings settings) {
        this.limit = limit;
        this.settings = settings;
    }

    @Override
    public void afterPropertiesSet() {
        require("confirm", settings.confirm());
        require("after-action", settings.afterAction());
        require("verify", settings.verify());
    }

    private void require(String name, HealthCheckSettings.Retry retry) {
        limit.require("recovery.health-check." + name + ".attempts",
                InlineLimit.retried(retry.attempts(), settings.timeout(), retry.interval()),
                "The check tries " + name + ".attempts times, each up to recovery.health-check.timeout, " + name
                        + ".interval apart: fewer tries or shorter pauses.");
    }
}
