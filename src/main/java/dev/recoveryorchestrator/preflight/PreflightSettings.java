package dev.recoveryorchestrator.preflight;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The preflight ({@code recovery.preflight}).
 *
 * @param onStart run it once after the start, in the background, and log every gap as a warning
 * @param timeout the most each probe (a command such as {@code docker version}, the health URL, a port) may take
 * @param notNeeded actions whose programs this deployment does without, each shown as such in the table rather than
 *     as a gap (the demo's host has no firewall of its own); production leaves it empty
 */
@Validated
@ConfigurationProperties("recovery.preflight")
public record PreflightSettings(
        @DefaultValue("true") boolean onStart,
        @DefaultValue("PT5S") @NotNull Duration timeout,
        @DefaultValue List<String> notNeeded) {
}
