package dev.recoveryorchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recoveryorchestrator.action.CommandSettings;
import dev.recoveryorchestrator.action.InlineLimit;
import dev.recoveryorchestrator.incident.LifecycleSettings;
import dev.recoveryorchestrator.runbook.backendapidown.BackendApiDownSettings;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** Health checks that a job runs inline, with their retries, must end within the inline limit, or the start is refused. */
class InlineChecksTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(Checks.class);

    @Test
    void acceptsTheDefaults() {
        runner.run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void refusesARunbookHealthCheckWhoseRetriesCouldOutliveTheJobLock() {
        runner.withPropertyValues("recovery.runbook.backend-api-down.health-attempts=100",
                "recovery.runbook.backend-api-down.health-interval=PT3S").run(context ->
                assertThat(context.getStartupFailure()).rootCause().hasMessageStartingWith(
                        "recovery.runbook.backend-api-down.health-attempts: a job could run for PT8M20S"));
    }

    @Test
    void refusesARecoveryCheckWhoseRetriesCouldOutliveTheJobLock() {
        runner.withPropertyValues("recovery.lifecycle.verify-attempts=30", "recovery.lifecycle.verify-interval=PT5S")
                .run(context -> assertThat(context.getStartupFailure()).rootCause().hasMessageStartingWith(
                        "recovery.lifecycle.verify-attempts: a job could run for PT3M30S"));
    }

    @Test
    void holdsTheChecksAgainstAShorterLockToo() {
        runner.withPropertyValues("camunda.bpm.job-execution.lock-time-in-millis=20000", "recovery.commands.inline-limit=PT10S")
                .run(context -> assertThat(context.getStartupFailure()).rootCause().hasMessageStartingWith(
                        "recovery.runbook.backend-api-down.health-attempts: a job could run for PT30S"));
    }

    @Configuration
    @EnableConfigurationProperties({CommandSettings.class, BackendApiDownSettings.class, LifecycleSettings.class})
    @Import({InlineLimit.class, InlineChecks.class})
    static class Checks {
    }
}
