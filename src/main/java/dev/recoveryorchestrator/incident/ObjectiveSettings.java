package dev.recoveryorchestrator.incident;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** The runbook's recovery objectives [복구 목표]: RTO 4 h (8 h acceptable), RPO 24 h (72 h acceptable). */
@Validated
@ConfigurationProperties("recovery")
public record ObjectiveSettings(
        @DefaultValue @Valid Objective rto,
        @DefaultValue @Valid Objective rpo) {

    /** A target and the limit beyond which the incident is critical. */
    public record Objective(@NotNull Duration target, @NotNull Duration acceptable) {

        @AssertTrue(message = "acceptable must not be shorter than target")
        public boolean isOrdered() {
            return target == null || acceptable == null || acceptable.compareTo(target) >= 0;
        }
    }
}
