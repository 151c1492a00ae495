package dev.recoveryorchestrator.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recoveryorchestrator.action.TargetSettings;
import dev.recoveryorchestrator.escalation.EscalationSettings;
import dev.recoveryorchestrator.incident.ObjectiveSettings;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** A bad setting stops the start with a message that names the property, before anything runs. */
class SettingsValidationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(Settings.class)
            .withPropertyValues(
                    "recovery.target.health-url=http://127.0.0.1:18000/api/health",
                    "recovery.target.log-file=./data/standin/backend.log",
                    "recovery.escalation.tiers[0].group=devops", "recovery.escalation.tiers[0].after=0m",
                    "recovery.escalation.tiers[0].name=DevOps", "recovery.escalation.tiers[0].task=해결",
                    "recovery.escalation.tiers[0].ask=해결해 주세요",
                    "recovery.escalation.tiers[1].group=cto", "recovery.escalation.tiers[1].after=2h",
                    "recovery.escalation.tiers[1].name=CTO", "recovery.escalation.tiers[1].task=보고",
                    "recovery.escalation.tiers[1].ask=결정해 주세요",
                    "recovery.rto.target=PT4H", "recovery.rto.acceptable=PT8H",
                    "recovery.rpo.target=PT24H", "recovery.rpo.acceptable=PT72H");

    @Test
    void acceptsTheRunbooksSettingsInBothDurationForms() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(EscalationSettings.class).tier("cto").orElseThrow().after()).hasHours(2);
        });
    }

    @Test
    void refusesADurationThatIsNotOne() {
        runner.withPropertyValues("recovery.escalation.tiers[1].after=soon").run(context ->
                assertThat(context).getFailure().rootCause().hasMessageContaining("soon"));
        runner.withPropertyValues("recovery.escalation.tiers[1].after=soon").run(context ->
                assertThat(context.getStartupFailure()).hasStackTraceContaining("recovery.escalation.tiers[1].after"));
    }

    @Test
    void refusesAMissingHealthUrl() {
        runner.withPropertyValues("recovery.target.health-url=").run(context ->
                assertThat(context.getStartupFailure()).hasStackTraceContaining("recovery.target")
                        .hasStackTraceContaining("healthUrl"));
    }

    @Test
    void refusesTiersWhoseDelaysGoBackwards() {
        runner.withPropertyValues("recovery.escalation.tiers[1].after=-1m").run(context ->
                assertThat(context.getStartupFailure()).hasStackTraceContaining("delays must not decrease"));
    }

    @Test
    void refusesAnAcceptableRtoShorterThanItsTarget() {
        runner.withPropertyValues("recovery.rto.acceptable=PT1H").run(context ->
                assertThat(context.getStartupFailure()).hasStackTraceContaining("recovery.rto")
                        .hasStackTraceContaining("acceptable must not be shorter than target"));
    }

    @Test
    void refusesAnApproverGroupThatIsNoTier() {
        runner.withPropertyValues("recovery.escalation.approver-group=board").run(context ->
                assertThat(context.getStartupFailure()).hasStackTraceContaining("approver-group must be one of"));
    }

    @Configuration
    @EnableConfigurationProperties({TargetSettings.class, EscalationSettings.class, ObjectiveSettings.class})
    static class Settings {
    }
}
