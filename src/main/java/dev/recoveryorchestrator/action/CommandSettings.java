package dev.recoveryorchestrator.action;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How every command runs, whatever its action ({@code recovery.commands}).
 *
 * @param inheritEnv the only variables of the orchestrator's own environment that commands see (with their
 *     values); everything else, such as {@code RECOVERY_ADMIN_PASSWORD} or {@code SPRING_DATASOURCE_PASSWORD}, is
 *     left out. An action adds its own with {@code recovery.actions.<name>.env}.
 * @param inlineLimit the longest an action may take when a job runs it inline (diagnostics); at most half the
 *     job lock ({@code camunda.bpm.job-execution.lock-time-in-millis}). Longer actions must be tracked.
 */
@Validated
@ConfigurationProperties("recovery.commands")
public record CommandSettings(
        @DefaultValue({"PATH", "HOME", "LANG", "LC_ALL", "TZ"})
        List<@Pattern(regexp = "[A-Za-z_][A-Za-z0-9_]*", message = "must be an environment variable name") String> inheritEnv,
        @DefaultValue("PT2M") @NotNull Duration inlineLimit) {
}
