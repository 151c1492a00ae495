package dev.recoveryorchestrator.config;

import java.util.ArrayList;
import java.util.List;
import org.springframework.core.env.PropertyResolver;

/**
 * The secrets production may not leave unset or at their demo values: the admin password, the alert intake token,
 * and no demo users. {@link StartupGuard} asks this when the start is not the demo, before anything is written.
 */
final class DemoSecretsGuard {

    static final String DEMO_ADMIN_PASSWORD = "admin";
    static final String DEMO_USER_PASSWORD = "demo";

    private DemoSecretsGuard() {
    }

    /** What is wrong with the secrets, each naming the property and the environment variable to set; empty if none. */
    static List<String> problems(PropertyResolver environment) {
        List<String> problems = new ArrayList<>();
        require(environment, problems, "camunda.bpm.admin-user.password", "RECOVERY_ADMIN_PASSWORD");
        require(environment, problems, "recovery.intake.token", "RECOVERY_INTAKE_TOKEN");
        if (Boolean.parseBoolean(StartupGuard.value(environment, "recovery.identity.demo-users"))) {
            problems.add("recovery.identity.demo-users is on: demo users exist only in the demo "
                    + "(set RECOVERY_IDENTITY_DEMOUSERS=false)");
        }
        return problems;
    }

    private static void require(PropertyResolver environment, List<String> problems, String property, String variable) {
        String value = StartupGuard.value(environment, property);
        if (value == null) {
            problems.add(property + " is unset (set " + variable + ")");
        } else if (value.equals(DEMO_ADMIN_PASSWORD) || value.equals(DEMO_USER_PASSWORD)) {
            problems.add(property + " has its demo value (set " + variable + ")");
        }
    }
}
