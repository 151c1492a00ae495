package dev.recoveryorchestrator.maintenance;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Maintenance windows.
 *
 * @param maxLength the longest window that may be declared: a window always ends, and one declared by mistake
 *     for a year would silence every detection
 */
@Validated
@ConfigurationProperties("recovery.maintenance")
public record MaintenanceSettings(@DefaultValue("P7D") @NotNull Duration maxLength) {
}
