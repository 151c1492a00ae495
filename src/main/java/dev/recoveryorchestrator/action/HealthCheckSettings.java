package dev.recoveryorchestrator.action;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Every health check with bounded retries, in one place: the runbooks' symptom confirmation, their check after a
 * recovery action, and the lifecycle's verification; the lifecycle's health watch makes single checks with
 * {@code timeout}. Each is run inside a job, so its worst case (attempts × (timeout + interval)) is held to
 * {@code recovery.commands.inline-limit} at start-up ({@link HealthCheckLimits}).
 *
 * @param timeout how long one check may take
 * @param confirm confirming a symptom before anything disruptive: the failure counts as confirmed when every try fails
 * @param afterAction after a restart or rollback: tries until the service answers (it needs time to start)
 * @param verify the lifecycle's verification that the service is back, whatever the runbook did
 * @param afterActionSettle how long after a recovery action's tracked work has ended its check ({@code after-action})
 *     may still run; unset: that check's worst case ({@link #settleAfterAction()})
 * @param monitorEvidence how old the monitor's own failed observations (the checks that opened the incident) may be
 *     for a runbook's symptom confirmation to take them instead of checking again; zero: always check again. A
 *     person's or an alert's report is always confirmed by the runbook's own checks.
 */
@Validated
@ConfigurationProperties("recovery.health-check")
public record HealthCheckSettings(
        @DefaultValue("PT2S") @NotNull Duration timeout,
        @DefaultValue @Valid Retry confirm,
        @DefaultValue @Valid Retry afterAction,
        @DefaultValue @Valid Retry verify,
        Duration afterActionSettle,
        @DefaultValue("PT15S") @NotNull Duration monitorEvidence) {

    /**
     * How long, after a recovery action's tracked work has ended, the runbook may still be checking that the service
     * is back: {@code afterActionSettle}, or else the after-action check's worst case (attempts × (timeout +
     * interval)). The monitor expects the checks such an action disrupts to fail until then.
     */
    public Duration settleAfterAction() {
        return afterActionSettle != null ? afterActionSettle
                : InlineLimit.retried(afterAction.attempts(), timeout, afterAction.interval());
    }

    @AssertTrue(message = "monitor-evidence must not be negative")
    public boolean isMonitorEvidenceValid() {
        return monitorEvidence == null || !monitorEvidence.isNegative();
    }

    @AssertTrue(message = "after-action-settle must be positive")
    public boolean isSettlePositive() {
        return afterActionSettle == null || !(afterActionSettle.isNegative() || afterActionSettle.isZero());
    }

    /**
     * @param attempts how many checks at most
     * @param interval the pause between two of them
     */
    public record Retry(@DefaultValue("3") @Min(1) int attempts, @DefaultValue("PT1S") @NotNull Duration interval) {
    }
}
