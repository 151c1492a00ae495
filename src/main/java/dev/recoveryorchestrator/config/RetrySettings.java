package dev.recoveryorchestrator.config;

import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Retry cycles of asynchronous steps ({@code R<times>/<ISO duration between>}), read by the models as
 * {@code ${retries.mail()}} and {@code ${retries.command()}}: a step that keeps failing ends as an incident in
 * Cockpit, where a person retries it.
 *
 * @param mail retries of a mail that could not be sent (the mail is never dropped)
 * @param command retries of an automated step that failed for a passing reason
 */
@Validated
@ConfigurationProperties("recovery.retries")
public record RetrySettings(
        @DefaultValue("R10/PT1M") @Pattern(regexp = CYCLE, message = "must look like R5/PT1M") String mail,
        @DefaultValue("R3/PT10S") @Pattern(regexp = CYCLE, message = "must look like R3/PT10S") String command) {

    static final String CYCLE = "R\\d+/P(T(\\d+[HMS])+|\\d+D)";
}
