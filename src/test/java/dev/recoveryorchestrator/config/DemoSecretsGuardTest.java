package dev.recoveryorchestrator.config;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.mock.env.MockEnvironment;

class DemoSecretsGuardTest {

    private static final String ADMIN_PASSWORD = "camunda.bpm.admin-user.password";
    private static final String INTAKE_TOKEN = "recovery.intake.token";
    private static final String DEMO_USERS = "recovery.identity.demo-users";

    @Test
    void letsTheDemoStartWithNothingSet() {
        MockEnvironment environment = new MockEnvironment().withProperty("recovery.demo", "true");

        assertThatCode(() -> guard(environment)).doesNotThrowAnyException();
    }

    @Test
    void startsOutsideTheDemoWhenEverySecretHasARealValue() {
        assertThatCode(() -> guard(production())).doesNotThrowAnyException();
    }

    @Test
    void refusesABlankAdminPassword() {
        MockEnvironment environment = production();
        environment.setProperty(ADMIN_PASSWORD, "");

        assertThatIllegalStateException().isThrownBy(() -> guard(environment))
                .withMessageContaining(ADMIN_PASSWORD + " is unset")
                .withMessageContaining("RECOVERY_ADMIN_PASSWORD");
    }

    @Test
    void refusesAMissingAdminPassword() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("recovery.demo", "false")
                .withProperty(INTAKE_TOKEN, "3f9c1e7a-intake-token")
                .withProperty(DEMO_USERS, "false");

        assertThatIllegalStateException().isThrownBy(() -> guard(environment))
                .withMessageContaining(ADMIN_PASSWORD + " is unset")
                .withMessageContaining("RECOVERY_ADMIN_PASSWORD")
                .withMessageNotContaining(INTAKE_TOKEN);
    }

    @ParameterizedTest
    @ValueSource(strings = {"admin", "demo"})
    void refusesTheDemoAdminPassword(String demoValue) {
        MockEnvironment environment = production().withProperty(ADMIN_PASSWORD, demoValue);

        assertThatIllegalStateException().isThrownBy(() -> guard(environment))
                .withMessageContaining(ADMIN_PASSWORD + " has its demo value")
                .withMessageContaining("RECOVERY_ADMIN_PASSWORD");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void refusesAnUnsetIntakeToken(String value) {
        MockEnvironment environment = production().withProperty(INTAKE_TOKEN, value);

        assertThatIllegalStateException().isThrownBy(() -> guard(environment))
                .withMessageContaining(INTAKE_TOKEN + " is unset")
                .withMessageContaining("RECOVERY_INTAKE_TOKEN")
                .withMessageNotContaining(ADMIN_PASSWORD);
    }

    @Test
    void refusesDemoUsers() {
        MockEnvironment environment = production().withProperty(DEMO_USERS, "true");

        assertThatIllegalStateException().isThrownBy(() -> guard(environment))
                .withMessageContaining(DEMO_USERS + " is on");
    }

    @Test
    void treatsAMissingDemoSwitchAsOutsideTheDemo() {
        MockEnvironment environment = new MockEnvironment();

        assertThatIllegalStateException().isThrownBy(() -> guard(environment))
                .withMessageStartingWith("Refusing to start outside the demo")
                .withMessageContaining("RECOVERY_ADMIN_PASSWORD")
                .withMessageContaining("RECOVERY_INTAKE_TOKEN");
    }

    @Test
    void namesEveryProblemAtOnce() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("recovery.demo", "false")
                .withProperty(ADMIN_PASSWORD, "admin")
                .withProperty(DEMO_USERS, "true");

        assertThatIllegalStateException().isThrownBy(() -> guard(environment))
                .withMessageContaining(ADMIN_PASSWORD + " has its demo value (set RECOVERY_ADMIN_PASSWORD)")
                .withMessageContaining(INTAKE_TOKEN + " is unset (set RECOVERY_INTAKE_TOKEN)")
                .withMessageContaining(DEMO_USERS + " is on");
    }

    /** Outside the demo with every secret set to a real value; each test spoils one of them. */
    private static MockEnvironment production() {
        return new MockEnvironment()
                .withProperty("recovery.demo", "false")
                .withProperty(ADMIN_PASSWORD, "c0rrect-h0rse-battery")
                .withProperty(INTAKE_TOKEN, "3f9c1e7a-intake-token")
                .withProperty(DEMO_USERS, "false");
    }

    private static void guard(MockEnvironment environment) {
        new DemoSecretsGuard(environment).afterPropertiesSet();
    }
}
