package dev.recoveryorchestrator.config;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
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
import dev.recoveryorchestrator.incident.FailureType;
import dev.recoveryorchestrator.monitor.MonitorSettings;
import dev.recoveryorchestrator.standin.StandinSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * The real {@code application*.yaml} files, bound per profile: the runbook's two ways of restarting Routing ML
 * become the right argument lists, no production profile inherits the demo's target, users or contacts, the demo
 * is no profile or {@code demo}, and an unknown profile is refused instead of becoming the demo.
 */
class ProfilesTest {

    @Test
    void dockerRecreatesThePredictorServiceInTheComposeFolderSoAChangedEnvironmentReachesIt() {
        try (ConfigurableApplicationContext context = settings("postgres,docker")) {
            ActionSettings actions = context.getBean(ActionSettings.class);
            ActionSettings.Action restart = actions.actions().get("restart-backend");
            assertThat(restart.steps()).extracting(Step::command).as("restart keeps the old container's environment")
                    .containsExactly(List.of("docker", "compose", "up", "-d", "--force-recreate", "--no-deps", "predictor"));
            assertThat(restart.workdir()).isEqualTo(Path.of("/workspaces/Routing_ML_4/deploy/docker"));
            ActionSettings.Action rollback = actions.actions().get("rollback-backend");
            assertThat(rollback.steps()).extracting(Step::command).containsExactly(
                    List.of("git", "cat-file", "-e", "a1b2c3d^{commit}"),
                    List.of("git", "checkout", "a1b2c3d"),
                    List.of("docker", "compose", "--project-directory", "/workspaces/Routing_ML_4/deploy/docker",
                            "up", "-d", "--build", "predictor"));
            assertThat(context.getBean(TargetSettings.class).healthUrl()).hasPort(8000).hasPath("/api/health");
        }
    }

    @Test
    void dockerRunsRestartAndRollbackOnlyAsTrackedBackgroundWork() {
        try (ConfigurableApplicationContext context = settings("postgres,docker")) {
            ActionSettings actions = context.getBean(ActionSettings.class);
            assertThat(actions.actions().get("restart-backend").tracked()).isTrue();
            assertThat(actions.actions().get("rollback-backend").tracked()).isTrue();
            assertThat(actions.actions().get("check-backend-process").tracked()).as("a diagnosis runs inline").isFalse();
            ActionCatalog catalog = context.getBean(ActionCatalog.class);
            assertThat(catalog.worstCase("rollback-backend")).isEqualTo(Duration.ofMinutes(90));
            assertThat(catalog.worstCase("check-backend-process")).isLessThanOrEqualTo(context.getBean(InlineLimit.class).limit());
            assertThatThrownBy(() -> catalog.run("restart-backend")).hasMessageContaining("run-action");
        }
    }

    @Test
    void dockerCommandsInheritOnlyWhatTheDockerCliNeeds() {
        try (ConfigurableApplicationContext context = settings("postgres,docker")) {
            assertThat(context.getBean(CommandSettings.class).inheritEnv()).containsExactly("PATH", "HOME", "LANG", "LC_ALL",
                    "TZ", "DOCKER_HOST", "DOCKER_CONFIG", "DOCKER_CONTEXT", "DOCKER_CERT_PATH", "DOCKER_TLS_VERIFY");
        }
        try (ConfigurableApplicationContext context = settings("postgres,local")) {
            assertThat(context.getBean(CommandSettings.class).inheritEnv()).containsExactly("PATH", "HOME", "LANG", "LC_ALL", "TZ");
        }
    }

    @Test
    void dockerFollowsTheComposeProjectsContainerEventsAsSymptomsOfTheContainersCheck() {
        try (ConfigurableApplicationContext context = settings("postgres,docker")) {
            MonitorSettings.ContainerEvents events = context.getBean(MonitorSettings.class).containerEvents();
            assertThat(events.enabled()).isTrue();
            assertThat(events.check()).isEqualTo("containers");
            assertThat(events.project()).isEqualTo("routing-ml");
            assertThat(events.events()).containsExactlyInAnyOrder("die", "oom", "health_status: unhealthy");
            ActionSettings.Action watch = context.getBean(ActionSettings.class).actions().get(events.action());
            assertThat(watch.steps()).extracting(Step::command).as("an argument list, the project's label as filter")
                    .containsExactly(List.of("docker", "events", "--format", "{{json .}}", "--filter", "type=container",
                            "--filter", "label=com.docker.compose.project=routing-ml"));
            assertThat(context.getBean(ActionCatalog.class).streamable(events.action())).isTrue();
        }
        try (ConfigurableApplicationContext context = settings("postgres,local")) {
            assertThat(context.getBean(MonitorSettings.class).containerEvents().enabled()).as("no docker").isFalse();
        }
    }

    @Test
    void localStopsUvicornWaitingUntilItHasEndedAndStartsItAgainInTheBackground() {
        try (ConfigurableApplicationContext context = settings("postgres,local")) {
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
            assertThat(rollback.steps()).extracting(step -> step.stop() != null).containsExactly(false, false, true, false);
            assertThat(rollback.steps().get(0).command()).containsExactly("git", "cat-file", "-e", "a1b2c3d^{commit}");
            assertThat(context.getBean(ActionCatalog.class).tracked("check-backend-process")).isFalse();
        }
    }

    @Test
    void localStartsUvicornWithTheTargetsOwnEnvironmentFileNeverTheOrchestratorsEnvironment() {
        try (ConfigurableApplicationContext context = settings("postgres,local")) {
            Map<String, ActionSettings.Action> actions = context.getBean(ActionSettings.class).actions();
            for (String name : List.of("restart-backend", "rollback-backend", "compose-rebuild", "rebuild-last-known-good")) {
                assertThat(actions.get(name).envFile()).as(name + " starts uvicorn")
                        .isEqualTo(Path.of("/workspaces/Routing_ML_4/.env"));
                assertThat(actions.get(name).steps()).as(name).anySatisfy(step -> assertThat(step.command())
                        .contains("/workspaces/Routing_ML_4/.venv/bin/uvicorn"));
            }
            assertThat(context.getEnvironment().getProperty("recovery.runbook.database-unreachable.env-file"))
                    .as("the file Type 2 fixes the connection string in").isEqualTo("/workspaces/Routing_ML_4/.env");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgres,local", "postgres,docker"})
    void aRollbackWithNoStableCommitRefusesTheStartNamingTheSettingAndItsVariable(String profiles) {
        assertThatThrownBy(() -> settings(profiles, "RECOVERY_STABLE_COMMIT=").close())
                .isInstanceOf(StartupRefusedException.class)
                .hasMessageContaining("recovery.target.stable-commit is unset, and recovery.actions.rebuild-last-known-good, "
                        + "recovery.actions.rollback-backend would run with it empty (set RECOVERY_STABLE_COMMIT");
    }

    @Test
    void productionInheritsNothingFromTheDemo() {
        try (ConfigurableApplicationContext context = settings("postgres,docker")) {
            assertThat(context.getEnvironment().getProperty("recovery.demo", Boolean.class)).isFalse();
            assertThat(context.getBean(StandinSettings.class).enabled()).isFalse();
            assertThat(context.getBean(IdentitySettings.class).demoUsers()).isFalse();
            assertThat(context.getBean(ContactSettings.class).contacts()).isEmpty();
            assertThat(context.getEnvironment().getProperty("recovery.notify.users")).isNull();
        }
    }

    @Test
    void theDemoKeepsEveryFileItWritesUnderData() {
        try (ConfigurableApplicationContext context = settings("")) {
            var environment = context.getEnvironment();
            for (String folder : List.of("recovery.reports-dir", "recovery.lifecycle.snapshot-dir",
                    "recovery.background-work.dir", "recovery.standin.dir")) {
                String value = environment.getProperty(folder);
                assertThat(Path.of(value).normalize().startsWith(Path.of("data"))).as(folder + " = " + value).isTrue();
            }
        }
    }

    @Test
    void theRunbooksTwoWaysWriteReportsWhereTheRunbookKeepsThem() {
        for (String profiles : List.of("postgres,local", "postgres,docker")) {
            try (ConfigurableApplicationContext context = settings(profiles)) {
                assertThat(context.getEnvironment().getProperty("recovery.reports-dir")).as(profiles)
                        .isEqualTo("/workspaces/Routing_ML_4/docs/incident_reports");
            }
        }
    }

    @Test
    void theDemoProtectsTheStandinWithItsOwnActions() {
        try (ConfigurableApplicationContext context = settings("")) {
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

    @Test
    void theDemoProfileIsTheSameDemoAsNoProfile() {
        try (ConfigurableApplicationContext context = settings("demo")) {
            assertThat(context.getEnvironment().getProperty("recovery.demo", Boolean.class)).isTrue();
            assertThat(context.getBean(StandinSettings.class).enabled()).isTrue();
            assertThat(context.getBean(TargetSettings.class).healthUrl()).hasHost("127.0.0.1").hasPort(18000);
            assertThat(context.getBean(IdentitySettings.class).demoUsers()).isTrue();
            assertThat(context.getBean(ContactSettings.class).of("devops")).isNotEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"prod", "postgresql"})
    void anUnknownProfileOrATypoRefusesToStartInsteadOfBecomingTheDemo(String profile) {
        assertThatThrownBy(() -> settings(profile).close())
                .isInstanceOf(StartupRefusedException.class)
                .hasMessageContaining("unknown profile '" + profile + "'")
                .hasMessageContaining("no real database")
                .hasMessageContaining("recovery.target.health-url is unset");
    }

    @Test
    void anUnknownProfileGetsNoneOfTheDemosSettings() {
        StandardEnvironment environment = new StandardEnvironment();
        ConfigDataEnvironmentPostProcessor.applyTo(environment, null, null, "prod");

        assertThat(environment.getProperty("recovery.monitor.interval")).as("application.yaml is read").isEqualTo("PT1S");
        assertThat(environment.getProperty("recovery.demo")).isEqualTo("false");
        assertThat(environment.getProperty("recovery.standin.enabled")).isNull();
        assertThat(environment.getProperty("recovery.identity.demo-users")).isNull();
        assertThat(environment.getProperty("recovery.target.health-url")).isNull();
        assertThat(environment.getProperty("recovery.contacts.devops[0].email")).isNull();
    }

    @Test
    void postgresAloneWithoutATargetRefusesToStartNamingTheHealthUrlAndEachActionTheModelsCall() {
        assertThatThrownBy(() -> settings("postgres").close())
                .isInstanceOf(StartupRefusedException.class)
                .hasMessageContaining(": no real target: recovery.target.health-url is unset (add the 'docker' or "
                        + "'local' profile, or set RECOVERY_TARGET_HEALTH_URL); no real target: recovery.target.log-file "
                        + "is unset (add the 'docker' or 'local' profile, or set RECOVERY_TARGET_LOG_FILE); ")
                .hasMessageContaining("no action for the runbooks: recovery.actions.restart-backend is unset");
    }

    @Test
    void postgresWithOnlyTheTargetGivenByHandRefusesToStartNamingEachActionTheModelsCall() {
        assertThatThrownBy(() -> settings("postgres",
                "RECOVERY_TARGET_HEALTH_URL=http://127.0.0.1:9000/health", "RECOVERY_TARGET_LOG_FILE=/tmp/b.log").close())
                .isInstanceOf(StartupRefusedException.class)
                .hasMessageNotContaining("no real target")
                .hasMessageContaining("no action for the runbooks: recovery.actions.restart-backend is unset (called by "
                        + "inspection-drill, runbook-backend-api-down, runbook-database-unreachable, "
                        + "runbook-model-corruption; add the 'docker' or 'local' profile, or configure it)")
                .hasMessageContaining("recovery.actions.retrain-model is unset")
                .hasMessageContaining("recovery.actions.network-allow-ports is unset");
    }

    @Test
    void postgresWithTheTargetAndEveryActionTheModelsCallGivenByHandStarts(@TempDir Path folder) throws IOException {
        StandardEnvironment application = new StandardEnvironment();
        ConfigDataEnvironmentPostProcessor.applyTo(application, null, null, "postgres");
        StringBuilder file = new StringBuilder("recovery:\n  actions:\n");
        for (String action : RunbookActionsGuard.called(application).actions().keySet()) {
            file.append("    ").append(action).append(":\n      steps:\n        - command: [ \"true\" ]\n");
        }
        Path actions = Files.writeString(folder.resolve("routing-ml-actions.yaml"), file);

        try (ConfigurableApplicationContext context = settings("postgres",
                "RECOVERY_TARGET_HEALTH_URL=http://127.0.0.1:9000/health", "RECOVERY_TARGET_LOG_FILE=/tmp/b.log",
                "SPRING_CONFIG_ADDITIONALLOCATION=file:" + actions)) {
            assertThat(context.getBean(TargetSettings.class).healthUrl()).hasPort(9000);
            assertThat(context.getBean(TargetSettings.class).logFile()).isEqualTo(Path.of("/tmp/b.log"));
            assertThat(context.getBean(StandinSettings.class).enabled()).isFalse();
            assertThat(context.getBean(ActionCatalog.class).has("restart-backend")).isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgres,local", "postgres,docker"})
    void eachWayOfRunningRoutingMlDefinesEveryActionTheDeployedModelsCall(String profiles) {
        StandardEnvironment application = new StandardEnvironment();
        ConfigDataEnvironmentPostProcessor.applyTo(application, null, null, profiles.split(","));

        assertThat(RunbookActionsGuard.called(application).actions()).isNotEmpty();
        assertThat(RunbookActionsGuard.problems(application)).isEmpty();
    }

    @Test
    void dockerWatchesTheComposeProjectsContainersThroughAConfiguredArgumentList() {
        try (ConfigurableApplicationContext context = settings("postgres,docker")) {
            MonitorSettings monitor = context.getBean(MonitorSettings.class);
            MonitorSettings.Check containers = check(monitor, "containers");
            assertThat(containers.kind()).isEqualTo(MonitorSettings.Kind.CONTAINERS);
            assertThat(containers.opens()).isEqualTo(FailureType.CONTAINER_FAILURE);
            assertThat(containers.services()).containsExactly("predictor", "frontend");
            ActionSettings.Action listing = context.getBean(ActionSettings.class).actions().get(containers.action());
            assertThat(listing.steps()).extracting(Step::command)
                    .containsExactly(List.of("docker", "compose", "ps", "--all", "--format", "json"));
            assertThat(listing.workdir()).isEqualTo(Path.of("/workspaces/Routing_ML_4/deploy/docker"));
            assertThat(listing.tracked()).as("runs inline, within the inline limit").isFalse();
            assertThat(monitor.checks()).extracting(MonitorSettings.Check::opens).contains(FailureType.values());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgres,local", "postgres,docker", "", "demo"})
    void everyProfileChecksEveryTypesSymptomsInTheDocumentedOrderWithAReadOnlyPredictRequest(String profiles) {
        try (ConfigurableApplicationContext context = settings(profiles)) {
            MonitorSettings monitor = context.getBean(MonitorSettings.class);
            assertThat(monitor.order()).containsExactly(FailureType.NETWORK_OUTAGE, FailureType.CONTAINER_FAILURE,
                    FailureType.BACKEND_API_DOWN, FailureType.MODEL_CORRUPTION, FailureType.DATABASE_UNREACHABLE);
            assertThat(check(monitor, "health").opens()).isEqualTo(FailureType.BACKEND_API_DOWN);
            for (String predict : List.of("predict-database", "predict-model")) {
                assertThat(check(monitor, predict).request().method()).as(predict).isEqualTo("GET");
                assertThat(check(monitor, predict).request().path()).isEqualTo("/api/predict");
                assertThat(check(monitor, predict).request().body()).isNull();
            }
            assertThat(check(monitor, "predict-database").failureStatuses()).containsExactly(500);
            assertThat(check(monitor, "log-database").patterns()).extracting(java.util.regex.Pattern::pattern)
                    .containsExactly("Database connection failed", "Access Driver not found");
            assertThat(check(monitor, "log-model").patterns()).extracting(java.util.regex.Pattern::pattern)
                    .containsExactly("Failed to load model");
            assertThat(check(monitor, "log-port").opens()).isEqualTo(FailureType.CONTAINER_FAILURE);
            assertThat(check(monitor, "network").opens()).isEqualTo(FailureType.NETWORK_OUTAGE);
            boolean demo = profiles.isEmpty() || profiles.equals("demo");
            assertThat(monitor.checks().stream().anyMatch(check -> check.name().equals("containers")))
                    .as("containers only with docker").isEqualTo(profiles.contains("docker"));
            if (demo) {
                assertThat(check(monitor, "network").host()).isEqualTo("127.0.0.2");
                assertThat(context.getBean(StandinSettings.class).hostBind()).isEqualTo("127.0.0.2");
                assertThat(monitor.checks()).allSatisfy(check -> assertThat(check.interval()).as("the round's").isNull());
            } else {
                assertThat(check(monitor, "network").host()).as("recovery.target.host").isNull();
                assertThat(check(monitor, "predict-database").interval()).isEqualTo(Duration.ofSeconds(10));
            }
        }
    }

    private static MonitorSettings.Check check(MonitorSettings monitor, String name) {
        return monitor.checks().stream().filter(check -> check.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no check " + name));
    }

    /** The settings with the given profiles, and the environment variables production needs (as compose sets them). */
    private static ConfigurableApplicationContext settings(String profiles, String... variables) {
        Map<String, Object> environment = new HashMap<>(Map.of("RECOVERY_STABLE_COMMIT", "a1b2c3d",
                "SPRING_DATASOURCE_URL", "jdbc:postgresql://127.0.0.1:5432/recovery", "SPRING_MAIL_HOST", "127.0.0.1",
                "RECOVERY_ADMIN_PASSWORD", "profiles-test-admin-secret", "RECOVERY_INTAKE_TOKEN", "profiles-test-token"));
        for (String variable : variables) {
            environment.put(variable.substring(0, variable.indexOf('=')), variable.substring(variable.indexOf('=') + 1));
        }
        StandardEnvironment withVariables = new StandardEnvironment();
        withVariables.getPropertySources().addBefore(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource("test-" + StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        environment));
        return new SpringApplicationBuilder(Settings.class)
                .web(WebApplicationType.NONE)
                .environment(withVariables)
                .profiles(profiles.isEmpty() ? new String[0] : profiles.split(","))
                .run("--spring.main.banner-mode=off");
    }

    /** The settings, and the action catalog, which refuses to be built when an action could outlive a job's lock. */
    @Configuration
    @EnableConfigurationProperties({ActionSettings.class, TargetSettings.class, StandinSettings.class,
            IdentitySettings.class, ContactSettings.class, CommandSettings.class, MonitorSettings.class})
    @Import({CommandRunner.class, InlineLimit.class, ActionCatalog.class})
    static class Settings {
        /** The catalog counts each action's runs; a registry that keeps them in memory is enough here. */
        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }
    }
}
