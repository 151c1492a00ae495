package dev.recoveryorchestrator.escalation;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who can log in besides the admin ({@code camunda.bpm.admin-user}).
 *
 * @param demoUsers create one user per tier group ({@code devops1}, {@code backend1}, ...): the demo only
 * @param demoPassword their password, from {@code RECOVERY_DEMO_PASSWORD}
 */
@ConfigurationProperties("recovery.identity")
public record IdentitySettings(@DefaultValue("false") boolean demoUsers, String demoPassword) {
}
