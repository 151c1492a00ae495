package dev.recoveryorchestrator.config;

import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Outside the demo ({@code recovery.demo=false}: the postgres, docker and local profiles) the application
 * refuses to start while a secret is unset or still has its demo value.
 */
@Component
class DemoSecretsGuard implements InitializingBean {

    static final String DEMO_ADMIN_PASSWORD = "admin";
    static final String DEMO_USER_PASSWORD = "demo";
    private final Environment environment;

    DemoSecretsGuard(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void afterPropertiesSet() {
        if (environment.getProperty("recovery.demo", Boolean.class, false)) {
            return;
        }
        List<String> problems = new ArrayList<>();
        require(problems, "camunda.bpm.admin-user.password", "RECOVERY_ADMIN_PASSWORD", DEMO_ADMIN_PASSWORD);
        require(problems, "recovery.intake.token", "RECOVERY_INTAKE_TOKEN", null);
        if (environment.getProperty("recovery.identity.demo-users", Boolean.class, false)) {
            problems.add("recovery.identity.demo-users is on: demo users exist only in the demo (set RECOVERY_IDENTITY_DEMOUSERS=false)");
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Refusing to start outside the demo: " + String.join("; ", problems));
        }
    }

    private void require(List<String> problems, String property, String variable, String demoValue) {
        String value = environment.getProperty(property);
        if (value == null || value.isBlank()) {
            problems.add(property + " is unset (set " + variable + ")");
        } else if (value.equals(demoValue) || value.equals(DEMO_USER_PASSWORD)) {
            problems.add(property + " has its demo value (set " + variable + ")");
        }
    }
}
