package dev.recoveryorchestrator.runbook;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * What every runbook shares.
 *
 * @param responderGroup the group that gets the runbooks' human tasks (triage, manual recovery): the first tier
 */
@Validated
@ConfigurationProperties("recovery.runbook")
public record RunbookSettings(
        @DefaultValue("devops") @NotBlank String responderGroup) {
}
