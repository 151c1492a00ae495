package dev.recoveryorchestrator.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.recoveryorchestrator.action.ActionCatalog;
import dev.recoveryorchestrator.action.ActionSettings;
import dev.recoveryorchestrator.action.ActionSettings.Step;
import dev.recoveryorchestrator.action.CommandRunner;
import dev.recoveryorchestrator.action.CommandSettings;
import dev.recoveryorchestrator.action.InlineLimit;
import dev.recoveryorchestrator.action.TargetSettings;
import dev.recoveryorchestrator.escalation.ContactSettings;
import dev.recoveryorchestrator.escalation.IdentitySettings;
import dev.recoveryorchestrator.standin.StandinSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The real {@code application*.yaml} files, bound per profile: the runbook's two ways of restarting Routing ML
 * become the right argument lists, and no production profile inherits the demo's target, users or contacts.
 */
class ProfilesTest {

    @Test
    void dockerRestartsThePredictorServiceInTheComposeFolder() {
        try (ConfigurableApplicationContext context = settings("postgres", "docker")) {
            ActionSettings actions = context.getBean(ActionSettings.class);
            ActionSettings.Action restart = actions.actions().get("restart-backend");
            assertThat(restart.steps()).extracting(Step::command)
                    .containsExactly(List.of("docker", "compose", "restart", "predictor"));
            assertThat(restart.workdir()).isEqualTo(Path.of("/workspaces/Routing_ML_4/deploy/docker"));
            ActionSettings.Action rollback = actions.actions().get("rollback-backend");
            assertThat(rollback.steps()).extracting(Step::command).containsExactly(
                    List.of("git", "checkout", "a1b2c3d"),
                    List.of("docker", "compose", "--project-directory", "/workspaces/Routing_ML_4/deploy/docker",
                            "up", "-d", "--build", "predictor"));
            assertThat(context.getBean(TargetSettings.class).healthUrl()).hasPort(8000).hasPath("/api/health");
        }
    }

    @Test
    void dockerRunsRestartAndRollbackOnlyAsTrackedBackgroundWork() {
        try (ConfigurableApplicationContext context = settings("postgres", "docker")) {
            ActionSettings actions = context.getBean(ActionSettings.class);
            assertThat(actions.actions().get("restart-backend").tracked()).isTrue();
            assertThat(actions.actions().get("rollback-backend").tracked()).isTrue();
            assertThat(actions.actions().get("check-backend-process").tracked()).as("a diagnosis runs inline").isFalse();
            ActionCatalog catalog = context.getBean(ActionCatalog.class);
            assertThat(catalog.worstCase("rollback-backend")).isEqualTo(Duration.ofHours(1));
            assertThat(catalog.worstCase("check-backend-process")).isLessThanOrEqualTo(context.getBean(InlineLimit.class).limit());
            assertThatThrownBy(() -> catalog.run("restart-backend")).hasMessageContaining("run-action");
        }
    }

    @Test
    void dockerCommandsInheritOnlyWhatTheDockerCliNeeds() {
        try (ConfigurableApplicationContext context = settings("postgres", "docker")) {
            assertThat(context.getBean(CommandSettings.class).inheritEnv()).containsExactly("PATH", "HOME", "LANG", "LC_ALL",
                    "TZ", "DOCKER_HOST", "DOCKER_CONFIG", "DOCKER_CONTEXT", "DOCKER_CERT_PATH", "DOCKER_TLS_VERIFY");
        }
        try (ConfigurableApplicationContext context = settings("postgres", "local")) {
            assertThat(context.getBean(CommandSettings.class).inheritEnv()).containsExactly("PATH", "HOME", "LANG", "LC_ALL", "TZ");
        }
    }

    @Test
    void localStopsUvicornWaitingUntilItHasEndedAndStartsItAgainInTheBackground() {
        try (ConfigurableApplicationContext context = settings("postgres", "local")) {
            ActionSettings.Action restart = context.getBean(ActionSettings.class).actions().get("restart-backend");
            assertThat(restart.tracked()).isTrue();
            assertThat(restart.steps()).hasSize(2);
            Step stop = restart.steps().get(0);
            assertThat(stop.command()).isNull();
            assertThat(stop.stop().match().pattern()).isEqualTo("uvicorn backend.run_api:app");
            assertThat(stop.stop().grace()).isEqualTo(Duration.ofSeconds(10));
            assertThat(stop.stop().match().matcher(
                    "/usr/bin/python3.11 /workspaces/Routing_ML_4/.venv/bin/uvicorn backend.run_api:app --host 0.0.0.0 --port 8000")
                    .find()).isTrue();
            Step start = restart.steps().get(1);
            assertThat(start.command()).containsExactly("setsid", "/workspaces/Routing_ML_4/.venv/bin/uvicorn",
                    "backend.run_api:app", "--host", "0.0.0.0", "--port", "8000");
            assertThat(start.background()).isTrue();
            assertThat(start.output()).isEqualTo(Path.of("/tmp/backend.log"));
            ActionSettings.Action rollback = context.getBean(ActionSettings.class).actions().get("rollback-backend");
            assertThat(rollback.tracked()).isTrue();
            assertThat(rollback.steps()).extracting(step -> step.stop() != null).containsExactly(false, true, false);
            assertThat(context.getBean(ActionCatalog.class).tracked("check-backend-process")).isFalse();
        }
    }

    @Test
    void productionInheritsNothingFromTheDemo() {
        try (ConfigurableApplicationContext context = settings("postgres", "docker")) {
            assertThat(context.getEnvironment().getProperty("recovery.demo", Boolean.class)).isFalse();
            assertThat(context.getBean(StandinSettings.class).enabled()).isFalse();
            assertThat(context.getBean(IdentitySettings.class).demoUsers()).isFalse();
            assertThat(context.getBean(ContactSettings.class).contacts()).isEmpty();
            assertThat(context.getEnvironment().getProperty("recovery.notify.users")).isNull();
        }
    }

    @Test
    void theDemoProtectsTheStandinWithItsOwnActions() {
        try (ConfigurableApplicationContext context = settings()) {
            assertThat(context.getEnvironment().getProperty("recovery.demo", Boolean.class)).isTrue();
            assertThat(context.getBean(StandinSettings.class).enabled()).isTrue();
            assertThat(context.getBean(TargetSettings.class).healthUrl()).hasHost("127.0.0.1").hasPort(18000);
            ActionSettings actions = context.getBean(ActionSettings.class);
            assertThat(actions.actions()).as("restart and rollback are the stand-in's built-in actions")
                    .doesNotContainKeys("restart-backend", "rollback-backend");
            assertThat(actions.actions().get("check-backend-process").steps().get(0).command())
                    .containsExactly("pgrep", "-f", "StandinServer.* --port 18000( |$)");
            assertThat(context.getBean(ContactSettings.class).of("cto")).isNotEmpty();
        }
    }

    private static ConfigurableApplicationContext settings(String... profiles) {
        return new SpringApplicationBuilder(Settings.class)
                .web(WebApplicationType.NONE)
                .profiles(profiles)
                .run("--spring.main.banner-mode=off", "--RECOVERY_STABLE_COMMIT=a1b2c3d");
    }

    /** The settings, and the action catalog, which refuses to be built when an action could outlive a job's lock. */
    @Configuration
    @EnableConfigurationProperties({ActionSettings.class, TargetSettings.class, StandinSettings.class,
            IdentitySettings.class, ContactSettings.class, CommandSettings.class})
    @Import({CommandRunner.class, InlineLimit.class, ActionCatalog.class})
    static class Settings {
    }
}
