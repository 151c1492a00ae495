package dev.recoveryorchestrator.incident;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Caps on automatic recovery attempts (restarts and the like that the machine decides on its own), so that a
 * failure that keeps coming back goes to a person with the finding "반복 장애" instead of a restart loop.
 * Attempts a person chose are not counted.
 *
 * @param perIncident automatic attempts within one incident
 * @param perTypePerHour automatic attempts for one failure type within the last hour, over every incident
 */
@Validated
@ConfigurationProperties("recovery.runbook.automatic-attempts")
public record AttemptCaps(
        @DefaultValue("3") @Min(0) int perIncident,
        @DefaultValue("6") @Min(0) int perTypePerHour) {
}
