package dev.recoveryorchestrator.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Throttling of failed logins per client address ({@link LoginThrottle}).
 *
 * @param maxFailures      failed password checks a client may make within {@code window}; the next attempt is
 *                         answered 429 until the oldest of them is older than the window
 * @param window           how long a failed password check counts against its client
 * @param maxClients       how many client addresses are remembered at most (the least recently seen is forgotten
 *                         first), which bounds the memory the throttle takes
 * @param ipv6PrefixLength IPv6 clients are counted per network of this prefix length: one host usually holds a whole
 *                         /64, and counting per address would give it 2^64 fresh starts
 * @param trustedProxies   addresses of reverse proxies in front of the orchestrator (exact IP literals, as the socket
 *                         shows them): only for a request from one of these is the client read from
 *                         {@code X-Forwarded-For} (its right-most address that is no trusted proxy). Empty (the
 *                         default): the header is never read, since any client can send it
 */
@Validated
@ConfigurationProperties("recovery.security.login-throttle")
record LoginThrottleSettings(
        @DefaultValue("10") @Min(1) int maxFailures,
        @DefaultValue("PT5M") @NotNull @DurationMin(seconds = 1) Duration window,
        @DefaultValue("10000") @Min(1) int maxClients,
        @DefaultValue("64") @Min(1) @Max(128) int ipv6PrefixLength,
        @DefaultValue List<@NotBlank String> trustedProxies) {

    LoginThrottleSettings {
        trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
    }
}
