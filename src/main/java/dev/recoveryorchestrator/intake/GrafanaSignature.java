package dev.recoveryorchestrator.intake;

import dev.recoveryorchestrator.config.EngineClock;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Grafana's optional webhook signature: hex HMAC-SHA256 of {@code timestamp + ":" + body} with the shared secret
 * (grafana/alerting, http/hmac.go). The timestamp (Unix seconds) must be within {@code max-age} of now, so a captured
 * notification cannot be replayed later. Compared in constant time.
 */
final class GrafanaSignature {

    private GrafanaSignature() {
    }

    /** Why the signature does not hold, or empty when it does. */
    static Optional<String> problem(IntakeSettings.Grafana settings, String signature, String timestamp, byte[] body) {
        if (signature == null || signature.isBlank()) {
            return Optional.of("the " + settings.signatureHeader() + " header is required");
        }
        if (timestamp == null || !timestamp.strip().matches("\\d{1,12}")) {
            return Optional.of("the " + settings.timestampHeader() + " header (Unix seconds) is required");
        }
        Instant signedAt = Instant.ofEpochSecond(Long.parseLong(timestamp.strip()));
        if (Duration.between(signedAt, EngineClock.now()).abs().compareTo(settings.maxAge()) > 0) {
            return Optional.of("the signed timestamp is older than " + settings.maxAge() + " or in the future");
        }
        byte[] expected = HexFormat.of().formatHex(hmac(settings.hmacSecret(), timestamp.strip(), body))
                .getBytes(StandardCharsets.US_ASCII);
        byte[] given = signature.strip().toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, given) ? Optional.empty() : Optional.of("the signature does not match");
    }

    static byte[] hmac(String secret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ":").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
