package dev.recoveryorchestrator.action;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** Every health check with retries runs inside a job: its worst case must fit the inline limit, or the start is refused. */
class HealthCheckLimitsTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(Checks.class);

    @Test
    void acceptsTheDefaults() {
        runner.run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void refusesACheckAfterAnActionWhoseRetriesCouldOutliveTheJobLock() {
        runner.withPropertyValues("recovery.health-check.after-action.attempts=100",
                "recovery.health-check.after-action.interval=PT3S").run(context ->
                assertThat(context.getStartupFailure()).rootCause().hasMessageStartingWith(
                        "recovery.health-check.after-action.attempts: a job could run for PT8M20S"));
    }

    @Test
    void refusesAVerificationWhoseRetriesCouldOutliveTheJobLock() {
        runner.withPropertyValues("recovery.health-check.verify.attempts=30", "recovery.health-check.verify.interval=PT5S")
                .run(context -> assertThat(context.getStartupFailure()).rootCause().hasMessageStartingWith(
                        "recovery.health-check.verify.attempts: a job could run for PT3M30S"));
    }

    @Test
    void holdsTheConfirmationToAShorterLockToo() {
        runner.withPropertyValues("camunda.bpm.job-execution.lock-time-in-millis=8000", "recovery.commands.inline-limit=PT4S",
                        "recovery.health-check.after-action.attempts=1", "recovery.health-check.verify.attempts=1")
                .run(context -> assertThat(context.getStartupFailure()).rootCause().hasMessageStartingWith(
                        "recovery.health-check.confirm.attempts: a job could run for PT9S"));
    }

    @Test
    void refusesZeroAttemptsNamingTheProperty() {
        runner.withPropertyValues("recovery.health-check.confirm.attempts=0").run(context ->
                assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("confirm.attempts"));
    }

    @Configuration
    @EnableConfigurationProperties({CommandSettings.class, HealthCheckSettings.class})
    @Import({InlineLimit.class, HealthCheckLimits.class})
    static class Checks {
    }
}
