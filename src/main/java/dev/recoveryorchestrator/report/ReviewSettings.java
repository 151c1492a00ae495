package dev.recoveryorchestrator.report;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The post-incident review: when it is asked for, who does it, who is told, when a reminder goes and when the tasks
 * lapse. Neither task holds the incident back (it is RECOVERED before they exist) and both have an exit: after
 * {@code expire-after} they end, noted, and the report stays a draft when nobody reviewed it.
 *
 * @param group the DevOps lead's group: the review and documentation tasks are theirs
 * @param informed the group told that a review was asked for (the CTO)
 * @param remindAfter when the holders of a task still open get a reminder
 * @param expireAfter when an open task ends unanswered
 * @param minDowntime a recovery no person took part in is reviewed only when its downtime was longer than this
 *     ({@link ReviewRule}): an automatic blip of seconds is not worth anyone's review; {@code PT0S} reviews every one
 */
@Validated
@ConfigurationProperties("recovery.review")
record ReviewSettings(
        @DefaultValue("devops") @NotBlank String group,
        @DefaultValue("cto") @NotBlank String informed,
        @DefaultValue("P1D") @NotNull Duration remindAfter,
        @DefaultValue("P14D") @NotNull Duration expireAfter,
        @DefaultValue("PT5M") @NotNull Duration minDowntime) {

    @AssertTrue(message = "min-downtime must not be negative")
    public boolean isMinDowntimeNotNegative() {
        return minDowntime == null || !minDowntime.isNegative();
    }

    @AssertTrue(message = "remind-after must be positive and shorter than expire-after")
    public boolean isReminderBeforeExpiry() {
        return remindAfter == null || expireAfter == null
                || (!remindAfter.isNegative() && !remindAfter.isZero() && remindAfter.compareTo(expireAfter) < 0);
    }
}
