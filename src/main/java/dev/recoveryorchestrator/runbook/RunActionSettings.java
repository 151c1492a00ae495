package dev.recoveryorchestrator.runbook;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The {@code run-action} process ({@code recovery.run-action}).
 *
 * @param pollInterval how often it looks at the running work
 * @param group who is asked whether an action took effect when its outcome is lost
 */
@Validated
@ConfigurationProperties("recovery.run-action")
public record RunActionSettings(
        @DefaultValue("PT5S") @NotNull Duration pollInterval,
        @DefaultValue("devops") @Pattern(regexp = "[a-z][a-z0-9-]{0,39}", message = "must be a lower-case group id")
        String group) {
}
