package dev.recoveryorchestrator.escalation;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The RTO fallback [최후 수단]: when an incident is still open at {@code at} of the RTO target, its runbook puts the
 * type's last resort to the highest tier reached.
 *
 * @param at share of the RTO target, strictly between 0 and 1 (0.75: three hours into a four-hour target)
 * @param whenUnanswered what happens when nobody has answered by the RTO target: {@code wait} (the request stays in
 *     Tasklist, nothing disruptive runs on nobody's word) or {@code apply} (the last resort runs, recorded as applied
 *     because nobody answered)
 */
@Validated
@ConfigurationProperties("recovery.rto-fallback")
public record RtoFallbackSettings(
        @DefaultValue("0.75") @DecimalMin(value = "0", inclusive = false) @DecimalMax(value = "1", inclusive = false)
        double at,
        @DefaultValue("wait") @NotNull WhenUnanswered whenUnanswered) {

    public enum WhenUnanswered { WAIT, APPLY }
}
