package dev.recoveryorchestrator.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.recoveryorchestrator.config.StartupGuard.Decision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.mock.env.MockEnvironment;

/**
 * The start-up decision over an environment: demo only with no profile or {@code demo} alone, production only when
 * complete. {@link ProfilesTest} runs it over the real {@code application*.yaml} files, {@link RefusedStartTest} as an
 * operator meets it, in a process of its own.
 */
class StartupGuardTest {

    private static final String HEALTH_URL = "recovery.target.health-url";
    /** The models application.yaml deploys. */
    private static final String MODELS = "camunda.bpm.deployment-resource-pattern";
    private static final String MODELS_PATTERN = "classpath*:bpmn/*.bpmn";

    @Test
    void noProfileIsTheDemoAndNeedsNoSecrets() {
        Decision decision = StartupGuard.decide(new MockEnvironment());

        assertThat(decision.demo()).isTrue();
        assertThat(decision.problems()).isEmpty();
    }

    @Test
    void theDemoProfileAloneIsTheDemo() {
        MockEnvironment environment = new MockEnvironment();
        environment.setActiveProfiles("demo");

        Decision decision = StartupGuard.decide(environment);

        assertThat(decision.demo()).isTrue();
        assertThat(decision.problems()).isEmpty();
    }

    @Test
    void aCompleteProductionStarts() {
        Decision decision = StartupGuard.decide(production("postgres", "docker"));

        assertThat(decision.demo()).isFalse();
        assertThat(decision.problems()).isEmpty();
        assertThat(StartupGuard.decide(production("postgres", "local")).problems()).isEmpty();
    }

    @Test
    void postgresAloneStartsWhenTheTargetAndEveryActionTheModelsCallAreGivenByHand() {
        assertThat(StartupGuard.decide(production("postgres")).problems()).isEmpty();
    }

    @Test
    void anActionTheRunbooksCallLeftUnsetIsRefusedNamingItsPropertyAndTheProfilesThatDefineIt() {
        assertThat(StartupGuard.decide(productionWithout("restart-backend", "postgres")).problems()).containsExactly(
                "no action for the runbooks: recovery.actions.restart-backend is unset (called by inspection-drill, "
                        + "runbook-backend-api-down, runbook-database-unreachable, runbook-model-corruption; add the "
                        + "'docker' or 'local' profile, or configure it)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"prod", "postgresql", "Postgres", "production", "default"})
    void anUnknownProfileIsRefusedAndNamedEvenWithEverythingElseInPlace(String unknown) {
        Decision decision = StartupGuard.decide(production("postgres", "docker", unknown));

        assertThat(decision.demo()).isFalse();
        assertThat(decision.problems()).singleElement().asString()
                .startsWith("unknown profile '" + unknown + "'")
                .contains("'postgres', with 'docker' or 'local'");
    }

    @Test
    void anUnknownProfileAloneNamesEverythingProductionLacks() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty(MODELS, MODELS_PATTERN)
                .withProperty("camunda.bpm.admin-user.password", "admin");
        environment.setActiveProfiles("prod");

        Decision decision = StartupGuard.decide(environment);

        assertThat(decision.demo()).isFalse();
        assertThat(decision.problems()).filteredOn(problem -> problem.startsWith("no action for the runbooks: "))
                .extracting(problem -> problem.replaceAll(" is unset .*", ""))
                .containsExactly("no action for the runbooks: recovery.actions.check-backend-process",
                        "no action for the runbooks: recovery.actions.compose-down",
                        "no action for the runbooks: recovery.actions.compose-rebuild",
                        "no action for the runbooks: recovery.actions.container-logs",
                        "no action for the runbooks: recovery.actions.network-allow-ports",
                        "no action for the runbooks: recovery.actions.network-route-table",
                        "no action for the runbooks: recovery.actions.rebuild-last-known-good",
                        "no action for the runbooks: recovery.actions.restart-backend",
                        "no action for the runbooks: recovery.actions.retrain-model",
                        "no action for the runbooks: recovery.actions.rollback-backend");
        assertThat(decision.problems()).filteredOn(problem -> !problem.startsWith("no action for the runbooks: "))
                .containsExactly(
                "unknown profile 'prod' (known: no profile or 'demo' alone for the demo; 'postgres', with 'docker' or "
                        + "'local', for production)",
                "no real database: profile 'postgres' is not active (PostgreSQL from SPRING_DATASOURCE_URL)",
                "no real target: recovery.target.health-url is unset (add the 'docker' or 'local' profile, or set "
                        + "RECOVERY_TARGET_HEALTH_URL)",
                "no real target: recovery.target.log-file is unset (add the 'docker' or 'local' profile, or set "
                        + "RECOVERY_TARGET_LOG_FILE)",
                "camunda.bpm.admin-user.password has its demo value (set RECOVERY_ADMIN_PASSWORD)",
                "recovery.intake.token is unset (set RECOVERY_INTAKE_TOKEN)");
    }

    @Test
    void theDemoProfileNeverJoinsProductionProfiles() {
        assertThat(StartupGuard.decide(production("demo", "postgres", "docker")).problems())
                .containsExactly("profile 'demo' runs alone, never with production profiles");
    }

    @Test
    void withoutThePostgresProfileThereIsNoRealDatabase() {
        assertThat(StartupGuard.decide(production("docker")).problems()).containsExactly(
                "no real database: profile 'postgres' is not active (PostgreSQL from SPRING_DATASOURCE_URL)");
    }

    @Test
    void anUnsetDatasourceUrlIsNamedWithItsVariable() {
        MockEnvironment environment = production("postgres", "docker")
                .withProperty("spring.datasource.url", "${SPRING_DATASOURCE_URL}");

        assertThat(StartupGuard.decide(environment).problems()).containsExactly(
                "no real database: spring.datasource.url is unset (set SPRING_DATASOURCE_URL)");
    }

    @Test
    void anEmbeddedH2DatabaseIsNoRealDatabase() {
        MockEnvironment environment = production("postgres", "docker")
                .withProperty("spring.datasource.url", "jdbc:h2:file:./data/recovery");

        assertThat(StartupGuard.decide(environment).problems()).singleElement().asString()
                .startsWith("no real database: spring.datasource.url is an embedded H2 database");
    }

    @Test
    void anUnsetMailHostIsNamedWithItsVariable() {
        MockEnvironment environment = production("postgres", "docker").withProperty("spring.mail.host", "${SPRING_MAIL_HOST}");

        assertThat(StartupGuard.decide(environment).problems())
                .containsExactly("no mail server: spring.mail.host is unset (set SPRING_MAIL_HOST)");
    }

    @Test
    void withoutAHealthUrlThereIsNoRealTarget() {
        MockEnvironment environment = production("postgres").withProperty(HEALTH_URL, " ");

        assertThat(StartupGuard.decide(environment).problems()).containsExactly("no real target: " + HEALTH_URL
                + " is unset (add the 'docker' or 'local' profile, or set RECOVERY_TARGET_HEALTH_URL)");
    }

    @Test
    void dockerAndLocalAreTwoWaysOfRunningRoutingMlNotOne() {
        assertThat(StartupGuard.decide(production("postgres", "docker", "local")).problems())
                .containsExactly("profiles 'docker' and 'local' are two ways of running Routing ML: choose one");
    }

    @Test
    void productionRefusesTheDemoSwitchesSetByHand() {
        MockEnvironment environment = production("postgres", "docker")
                .withProperty("recovery.demo", "true")
                .withProperty("recovery.standin.enabled", "true")
                .withProperty("recovery.identity.demo-users", "true");

        assertThat(StartupGuard.decide(environment).problems()).containsExactly(
                "recovery.standin.enabled is on: the stand-in is the demo's target (set RECOVERY_STANDIN_ENABLED=false)",
                "recovery.demo is on outside the demo profile (set RECOVERY_DEMO=false)",
                "recovery.identity.demo-users is on: demo users exist only in the demo "
                        + "(set RECOVERY_IDENTITY_DEMOUSERS=false)");
    }

    @Test
    void productionChecksTheSecrets() {
        MockEnvironment environment = production("postgres", "docker")
                .withProperty("camunda.bpm.admin-user.password", "demo");

        assertThat(StartupGuard.decide(environment).problems())
                .containsExactly("camunda.bpm.admin-user.password has its demo value (set RECOVERY_ADMIN_PASSWORD)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"${x}", "#{x}", "$(id)", "; id", "../..", "a\r\nb", "nul\0byte"})
    void hostileProfileNamesAreRefusedAndShownWithoutControlCharacters(String hostile) {
        Decision decision = StartupGuard.decide(production("postgres", "docker", hostile));

        assertThat(decision.problems()).singleElement().asString()
                .startsWith("unknown profile '" + hostile.replaceAll("\\p{Cntrl}", "?") + "'")
                .doesNotContain("\r", "\n", "\0");
    }

    @Test
    void aHundredKilobyteProfileNameIsShownShortened() {
        String huge = "p".repeat(100_000);

        Decision decision = StartupGuard.decide(production("postgres", "docker", huge));

        assertThat(decision.problems()).singleElement().asString()
                .startsWith("unknown profile '" + "p".repeat(60) + "…'").hasSizeLessThan(300);
    }

    @ParameterizedTest
    @ValueSource(strings = {"$(id)", "; id", "../..", "#{x}", "{0} %s", "a\r\nb"})
    void secretValuesAreDataAndNeverInterpreted(String hostile) {
        MockEnvironment environment = production("postgres", "docker")
                .withProperty("camunda.bpm.admin-user.password", hostile + "-admin-secret")
                .withProperty("recovery.intake.token", hostile + "x".repeat(100_000));

        assertThat(StartupGuard.decide(environment).problems()).isEmpty();
    }

    @Test
    void aSecretThatSpringWouldReadAsAnUnresolvablePlaceholderCountsAsUnset() {
        MockEnvironment environment = production("postgres", "docker").withProperty("recovery.intake.token", "${x}");

        assertThat(StartupGuard.decide(environment).problems())
                .containsExactly("recovery.intake.token is unset (set RECOVERY_INTAKE_TOKEN)");
    }

    /** A rollback with no commit would run {@code git checkout ""}: refused, naming the setting and its variable. */
    @Test
    void aCommandArgumentFromAnUnsetSettingIsRefusedNamingTheSettingAndTheActions() {
        MockEnvironment environment = production("postgres")
                .withProperty("recovery.target.stable-commit", "${RECOVERY_STABLE_COMMIT:}")
                .withProperty("recovery.actions.rollback-backend.steps[0].command[0]", "git")
                .withProperty("recovery.actions.rollback-backend.steps[0].command[1]", "checkout")
                .withProperty("recovery.actions.rollback-backend.steps[0].command[2]", "${recovery.target.stable-commit}")
                .withProperty("recovery.actions.check-model-load.steps[0].command[0]", "${MODEL_PYTHON:/usr/bin/python3}")
                .withProperty("recovery.actions.empty-argument.steps[0].command[0]", "echo")
                .withProperty("recovery.actions.empty-argument.steps[0].command[1]", "");

        assertThat(StartupGuard.decide(environment).problems()).containsExactly(
                "recovery.actions.empty-argument.steps[0].command[1] is empty: a command never runs with an empty "
                        + "argument (remove it or give it a value)",
                "recovery.target.stable-commit is unset, and recovery.actions.rollback-backend would run with it empty "
                        + "(set RECOVERY_STABLE_COMMIT to the last stable commit of the Routing ML workspace, e.g. git "
                        + "rev-parse HEAD on a good day)");

        environment.withProperty("recovery.target.stable-commit", "a1b2c3d");
        environment.withProperty("recovery.actions.empty-argument.steps[0].command[1]", "x");
        assertThat(StartupGuard.decide(environment).problems()).as("a setting with its own default is fine").isEmpty();
    }

    @Test
    void aRefusalThrowsWithEveryProblemAndNoSecretValue() {
        MockEnvironment environment = production("postgres", "docker", "prod")
                .withProperty("recovery.intake.token", "demo");

        assertThatThrownBy(() -> StartupGuard.decide(environment).refuseIfProblems())
                .isInstanceOf(StartupRefusedException.class)
                .hasMessageStartingWith("Refusing to start with profiles [postgres, docker, prod]: ")
                .hasMessageContaining("unknown profile 'prod'")
                .hasMessageContaining("recovery.intake.token has its demo value (set RECOVERY_INTAKE_TOKEN)")
                .hasMessageNotContaining("c0rrect-h0rse-battery");
    }

    /** Production with every setting in place, each action the models call among them; a test adds or spoils one. */
    private static MockEnvironment production(String... profiles) {
        return productionWithout(null, profiles);
    }

    private static MockEnvironment productionWithout(String leftOutAction, String... profiles) {
        MockEnvironment environment = new MockEnvironment()
                .withProperty(MODELS, MODELS_PATTERN)
                .withProperty("spring.datasource.url", "jdbc:postgresql://127.0.0.1:5432/recovery")
                .withProperty("spring.mail.host", "127.0.0.1")
                .withProperty(HEALTH_URL, "http://127.0.0.1:8000/api/health")
                .withProperty("recovery.target.log-file", "/var/log/routing-ml/backend.log")
                .withProperty("camunda.bpm.admin-user.password", "c0rrect-h0rse-battery")
                .withProperty("recovery.intake.token", "3f9c1e7a-intake-token");
        for (String action : RunbookActionsGuard.called(environment).actions().keySet()) {
            if (!action.equals(leftOutAction)) {
                environment.withProperty("recovery.actions." + action + ".steps[0].command[0]", "true");
            }
        }
        environment.setActiveProfiles(profiles);
        return environment;
    }
}
