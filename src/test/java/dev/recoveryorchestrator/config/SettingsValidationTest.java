package dev.recoveryorchestrator.config;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import static org.assertj.core.api.Assertions.assertThat;

import dev.recoveryorchestrator.action.ActionCatalog;
import dev.recoveryorchestrator.action.ActionSettings;
import dev.recoveryorchestrator.action.BackgroundWorkSettings;
import dev.recoveryorchestrator.action.CommandRunner;
import dev.recoveryorchestrator.action.CommandSettings;
import dev.recoveryorchestrator.action.HealthCheckSettings;
import dev.recoveryorchestrator.action.InlineLimit;
import dev.recoveryorchestrator.action.TargetSettings;
import dev.recoveryorchestrator.escalation.EscalationSettings;
import dev.recoveryorchestrator.incident.ObjectiveSettings;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

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

    @Test
    void refusesAnUntrackedActionThatCouldRunInsideAJobPastTheLock() {
        actions.withPropertyValues(
                "recovery.actions.rollback-backend.timeout=PT30M",
                "recovery.actions.rollback-backend.steps[0].command=git,checkout,a1b2c3d",
                "recovery.actions.rollback-backend.steps[1].command=docker,compose,up,-d,--build,predictor").run(context ->
                assertThat(context.getStartupFailure()).rootCause()
                        .hasMessageStartingWith("recovery.actions.rollback-backend.timeout: a job could run for PT1H")
                        .hasMessageContaining("recovery.actions.rollback-backend.tracked=true"));
    }

    @Test
    void acceptsALongActionThatIsTracked() {
        actions.withPropertyValues(
                "recovery.actions.rollback-backend.timeout=PT30M",
                "recovery.actions.rollback-backend.tracked=true",
                "recovery.actions.rollback-backend.steps[0].command=git,checkout,a1b2c3d").run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(ActionCatalog.class).tracked("rollback-backend")).isTrue();
                });
    }

    @Test
    void refusesAnInlineLimitOverHalfTheJobLock() {
        actions.withPropertyValues("camunda.bpm.job-execution.lock-time-in-millis=120000",
                "recovery.commands.inline-limit=PT90S").run(context ->
                assertThat(context.getStartupFailure()).rootCause().hasMessageStartingWith(
                        "recovery.commands.inline-limit (PT1M30S) must be positive and at most half the job lock "
                                + "camunda.bpm.job-execution.lock-time-in-millis (PT2M)"));
    }

    @Test
    void refusesAStepThatBothRunsACommandAndStopsProcesses() {
        actions.withPropertyValues(
                "recovery.actions.restart-backend.steps[0].command=true",
                "recovery.actions.restart-backend.steps[0].stop.match=uvicorn").run(context ->
                assertThat(context.getStartupFailure()).hasStackTraceContaining("recovery.actions")
                        .hasStackTraceContaining("a step has either a non-empty command or a stop, not both"));
    }

    @Test
    void refusesAStopGraceThatIsNotShorterThanTheTimeout() {
        actions.withPropertyValues(
                "recovery.actions.restart-backend.timeout=PT10S",
                "recovery.actions.restart-backend.steps[0].stop.match=uvicorn",
                "recovery.actions.restart-backend.steps[0].stop.grace=PT10S").run(context ->
                assertThat(context.getStartupFailure()).hasStackTraceContaining("recovery.actions")
                        .hasStackTraceContaining("each stop step's grace shorter than it"));
    }

    @Test
    void refusesAnInheritedVariableThatIsNoVariableName() {
        actions.withPropertyValues("recovery.commands.inherit-env=PATH,$(id)").run(context ->
                assertThat(context.getStartupFailure()).hasStackTraceContaining("recovery.commands")
                        .hasStackTraceContaining("must be an environment variable name"));
    }

    @Test
    void refusesAHeartbeatThatGoesStaleTooSoon() {
        runner.withUserConfiguration(WorkSettings.class)
                .withPropertyValues("recovery.background-work.heartbeat=PT10S", "recovery.background-work.stale-after=PT20S")
                .run(context -> assertThat(context.getStartupFailure()).hasStackTraceContaining("recovery.background-work")
                        .hasStackTraceContaining("stale-after at least three heartbeats"));
    }

    @Test
    void theSettleAfterAnActionIsTheAfterActionChecksWorstCaseUnlessSetAndNeverZero() {
        runner.withUserConfiguration(HealthChecks.class)
                .withPropertyValues("recovery.health-check.timeout=PT2S", "recovery.health-check.after-action.attempts=10",
                        "recovery.health-check.after-action.interval=PT3S")
                .run(context -> assertThat(context.getBean(HealthCheckSettings.class).settleAfterAction())
                        .isEqualTo(Duration.ofSeconds(50)));
        runner.withUserConfiguration(HealthChecks.class)
                .withPropertyValues("recovery.health-check.after-action-settle=PT2M")
                .run(context -> assertThat(context.getBean(HealthCheckSettings.class).settleAfterAction())
                        .isEqualTo(Duration.ofMinutes(2)));
        runner.withUserConfiguration(HealthChecks.class)
                .withPropertyValues("recovery.health-check.after-action-settle=PT0S")
                .run(context -> assertThat(context.getStartupFailure()).hasStackTraceContaining("recovery.health-check")
                        .hasStackTraceContaining("after-action-settle must be positive"));
    }

    @Test
    void refusesACheckOfATypeMissingFromTheClassificationOrder() {
        runner.withUserConfiguration(MonitorChecks.class).withPropertyValues(
                        "recovery.monitor.order=backend-api-down",
                        "recovery.monitor.checks[0].name=log-model", "recovery.monitor.checks[0].kind=log",
                        "recovery.monitor.checks[0].opens=model-corruption",
                        "recovery.monitor.checks[0].patterns=Failed to load model")
                .run(context -> assertThat(context.getStartupFailure()).hasStackTraceContaining("recovery.monitor")
                        .hasStackTraceContaining("must be in recovery.monitor.order"));
    }

    @Test
    void refusesAnIncompleteCheckAndAnUnknownKindNamingTheProperty() {
        runner.withUserConfiguration(MonitorChecks.class).withPropertyValues(
                        "recovery.monitor.checks[0].name=predict", "recovery.monitor.checks[0].kind=answer",
                        "recovery.monitor.checks[0].opens=database-unreachable")
                .run(context -> assertThat(context.getStartupFailure()).hasStackTraceContaining("recovery.monitor.checks[0]")
                        .hasStackTraceContaining("answer checks need a request"));
        runner.withUserConfiguration(MonitorChecks.class).withPropertyValues(
                        "recovery.monitor.checks[0].name=x", "recovery.monitor.checks[0].kind=$(id)",
                        "recovery.monitor.checks[0].opens=backend-api-down")
                .run(context -> assertThat(context.getStartupFailure()).hasStackTraceContaining("recovery.monitor.checks[0].kind"));
    }

    /** The action catalog as the application builds it, on the settings alone. */
    private final ApplicationContextRunner actions = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(ActionBeans.class);

    @Configuration
    @EnableConfigurationProperties({TargetSettings.class, EscalationSettings.class, ObjectiveSettings.class})
    static class Settings {
    }

    @Configuration
    @EnableConfigurationProperties({ActionSettings.class, CommandSettings.class})
    @Import({CommandRunner.class, InlineLimit.class, ActionCatalog.class})
    static class ActionBeans {
        /** The catalog counts each action's runs; a registry that keeps them in memory is enough here. */
        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }
    }

    @Configuration
    @EnableConfigurationProperties(BackgroundWorkSettings.class)
    static class WorkSettings {
    }

    @Configuration
    @EnableConfigurationProperties(dev.recoveryorchestrator.monitor.MonitorSettings.class)
    static class MonitorChecks {
    }

    @Configuration
    @EnableConfigurationProperties(HealthCheckSettings.class)
    static class HealthChecks {
    }
}
