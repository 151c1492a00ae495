package dev.recoveryorchestrator.incident;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The runbook's recovery objectives [복구 목표]: RTO 4 h (8 h acceptable), RPO 24 h (72 h acceptable).
 *
 * @param rto recovery time objective: how long an incident may last
 * @param rpo recovery point objective: how old the data a restore brings back may be
 */
@Validated
@ConfigurationProperties("recovery")
public record ObjectiveSettings(
        @DefaultValue @Valid Objective rto,
        @DefaultValue @Valid Objective rpo) {

    /**
     * A target and the limit beyond which the incident is critical.
     *
     * @param target the objective (RTO 4 h, RPO 24 h); passing it escalates to the approver tier
     * @param acceptable the most that can be accepted (RTO 8 h, RPO 72 h); passing it is reported as critical
     */
    public record Objective(@NotNull Duration target, @NotNull Duration acceptable) {

        @AssertTrue(message = "acceptable must not be shorter than target")
        public boolean isOrdered() {
            return target == null || acceptable == null || acceptable.compareTo(target) >= 0;
        }
    }
}
