package dev.recoveryorchestrator.runbook;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * What every runbook shares.
 *
 * @param responderGroup the group that gets the runbooks' human tasks (triage, manual recovery): the first tier
 * @param confirmAttempts checks a symptom confirmation makes before it calls the failure confirmed (all must fail)
 * @param confirmInterval pause between them
 */
@Validated
@ConfigurationProperties("recovery.runbook")
public record RunbookSettings(
        @DefaultValue("devops") @NotBlank String responderGroup,
        @DefaultValue("3") @Min(1) int confirmAttempts,
        @DefaultValue("PT1S") @NotNull Duration confirmInterval) {
}
