package dev.recoveryorchestrator.config;

import jakarta.validation.constraints.NotNull;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code recovery.time-zone}: the zone people read times in (mails, the post-incident report, the API's words).
 * Asia/Seoul by default, where the runbook's responders are; stored times stay instants (UTC). An unknown zone stops
 * the start naming the property.
 *
 * @param timeZone the zone every date people read (and every dated file name) is taken in
 */
@Validated
@ConfigurationProperties("recovery")
public record TimeZoneSettings(@DefaultValue("Asia/Seoul") @NotNull ZoneId timeZone) {
}
