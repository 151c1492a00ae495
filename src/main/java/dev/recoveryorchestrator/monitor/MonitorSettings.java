package dev.recoveryorchestrator.monitor;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Health polling of the target.
 *
 * @param failuresBeforeIncident failed checks in a row that open a {@code backend-api-down} incident
 */
@Validated
@ConfigurationProperties("recovery.monitor")
public record MonitorSettings(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("PT1S") @NotNull Duration interval,
        @DefaultValue("3") @Min(1) int failuresBeforeIncident,
        @DefaultValue("PT1S") @NotNull Duration timeout) {
}
