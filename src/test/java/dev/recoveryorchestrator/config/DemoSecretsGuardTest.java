package dev.recoveryorchestrator.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.mock.env.MockEnvironment;

/** The secrets production must set; {@link StartupGuardTest} shows that the demo skips them and production does not. */
class DemoSecretsGuardTest {

    private static final String ADMIN_PASSWORD = "camunda.bpm.admin-user.password";
    private static final String INTAKE_TOKEN = "recovery.intake.token";
    private static final String DEMO_USERS = "recovery.identity.demo-users";

    @Test
    void acceptsRealValuesForEverySecret() {
        assertThat(DemoSecretsGuard.problems(production())).isEmpty();
    }

    @Test
    void refusesABlankAdminPassword() {
        MockEnvironment environment = production();
        environment.setProperty(ADMIN_PASSWORD, "");

        assertThat(DemoSecretsGuard.problems(environment))
                .containsExactly(ADMIN_PASSWORD + " is unset (set RECOVERY_ADMIN_PASSWORD)");
    }

    @Test
    void refusesAMissingAdminPassword() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty(INTAKE_TOKEN, "3f9c1e7a-intake-token")
                .withProperty(DEMO_USERS, "false");

        assertThat(DemoSecretsGuard.problems(environment))
                .containsExactly(ADMIN_PASSWORD + " is unset (set RECOVERY_ADMIN_PASSWORD)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"admin", "demo"})
    void refusesTheDemoAdminPassword(String demoValue) {
        MockEnvironment environment = production().withProperty(ADMIN_PASSWORD, demoValue);

        assertThat(DemoSecretsGuard.problems(environment))
                .containsExactly(ADMIN_PASSWORD + " has its demo value (set RECOVERY_ADMIN_PASSWORD)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void refusesAnUnsetIntakeToken(String value) {
        MockEnvironment environment = production().withProperty(INTAKE_TOKEN, value);

        assertThat(DemoSecretsGuard.problems(environment))
                .containsExactly(INTAKE_TOKEN + " is unset (set RECOVERY_INTAKE_TOKEN)");
    }

    @Test
    void refusesDemoUsers() {
        MockEnvironment environment = production().withProperty(DEMO_USERS, "true");

        assertThat(DemoSecretsGuard.problems(environment)).singleElement().asString().startsWith(DEMO_USERS + " is on");
    }

    @Test
    void namesEveryProblemAtOnce() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty(ADMIN_PASSWORD, "admin")
                .withProperty(DEMO_USERS, "true");

        assertThat(DemoSecretsGuard.problems(environment)).containsExactly(
                ADMIN_PASSWORD + " has its demo value (set RECOVERY_ADMIN_PASSWORD)",
                INTAKE_TOKEN + " is unset (set RECOVERY_INTAKE_TOKEN)",
                DEMO_USERS + " is on: demo users exist only in the demo (set RECOVERY_IDENTITY_DEMOUSERS=false)");
    }

    /** Every secret set to a real value; each test spoils one of them. */
    private static MockEnvironment production() {
        return new MockEnvironment()
                .withProperty(ADMIN_PASSWORD, "c0rrect-h0rse-battery")
                .withProperty(INTAKE_TOKEN, "3f9c1e7a-intake-token")
                .withProperty(DEMO_USERS, "false");
    }
}
