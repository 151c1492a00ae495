package dev.recoveryorchestrator.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** {@code recovery.review}: a bad setting stops the start naming the property. */
class ReviewSettingsTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(Settings.class);

    @Test
    void anAutomaticRecoveryIsReviewedAfterFiveMinutesOfDowntimeByDefault() {
        runner.run(context -> assertThat(context.getBean(ReviewSettings.class).minDowntime())
                .isEqualTo(Duration.ofMinutes(5)));
    }

    @Test
    void refusesANegativeMinimumDowntime() {
        runner.withPropertyValues("recovery.review.min-downtime=-PT1M").run(context ->
                assertThat(context.getStartupFailure()).hasStackTraceContaining("recovery.review")
                        .hasStackTraceContaining("min-downtime must not be negative"));
    }

    @Test
    void refusesAMinimumDowntimeThatIsNoDuration() {
        runner.withPropertyValues("recovery.review.min-downtime=a while").run(context ->
                assertThat(context.getStartupFailure()).hasStackTraceContaining("recovery.review.min-downtime"));
    }

    @Configuration
    @EnableConfigurationProperties(ReviewSettings.class)
    static class Settings {
    }
}
