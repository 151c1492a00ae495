package dev.recoveryorchestrator.incident;

import dev.recoveryorchestrator.config.EngineClock;
import dev.recoveryorchestrator.config.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * The signed acknowledge link of an escalation mail: {@code <incident id>.<expiry, epoch seconds>.<nonce>} and its
 * HMAC-SHA256 under {@code recovery.acknowledge.secret}, both base64url. A link names one incident, expires, and is
 * single-use (its nonce is stored when used, {@code ro_ack_link}); whatever a token holds is checked byte for byte
 * before any of it is read, and nothing in it is ever interpreted.
 */
@Component
public class AcknowledgeLinks {

    /** The path of the confirmation page; the token follows as {@code ?token=}. */
    public static final String PATH = "/api/acknowledge";
    static final int MAX_TOKEN = 400;
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{1,300}\\.[A-Za-z0-9_-]{43}");
    private static final Pattern INCIDENT_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern NONCE = Pattern.compile("[0-9a-f]{32}");
    private final AcknowledgeSettings settings;
    private final SecureRandom random = new SecureRandom();

    AcknowledgeLinks(AcknowledgeSettings settings) {
        this.settings = settings;
    }

    /** What a valid link says. */
    public record Link(String incidentId, Instant expires, String nonce) {
    }

    /** A fresh token for the incident, valid for {@code link-valid-for}; empty when no secret is configured. */
    public Optional<String> token(String incidentId) {
        if (!enabled()) {
            return Optional.empty();
        }
        byte[] nonce = new byte[16];
        random.nextBytes(nonce);
        String payload = incidentId + "." + EngineClock.now().plus(settings.linkValidFor()).getEpochSecond() + "."
                + HexFormat.of().formatHex(nonce);
        Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
        return Optional.of(encoder.encodeToString(payload.getBytes(StandardCharsets.US_ASCII)) + "."
                + encoder.encodeToString(sign(payload.getBytes(StandardCharsets.US_ASCII))));
    }

    public boolean enabled() {
        return settings.secret() != null && !settings.secret().isBlank();
    }

    /**
     * The link a token stands for.
     *
     * @throws InvalidInputException (field {@code token}) when it is malformed, not signed with our secret, or expired
     */
    public Link verify(String token) {
        if (!enabled()) {
            throw new InvalidInputException("token", "acknowledge links are not enabled (recovery.acknowledge.secret)");
        }
        if (token == null || token.length() > MAX_TOKEN || !TOKEN.matcher(token).matches()) {
            throw new InvalidInputException("token", "token is not an acknowledge link");
        }
        int dot = token.indexOf('.');
        byte[] payload;
        byte[] signature;
        try {
            payload = Base64.getUrlDecoder().decode(token.substring(0, dot));
            signature = Base64.getUrlDecoder().decode(token.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("token", "token is not an acknowledge link");
        }
        // One spelling per token: the decoder ignores the unused low bits of a last character, so other spellings of
        // the same bytes would pass the signature too.
        if (!spelled(token.substring(0, dot), payload) || !spelled(token.substring(dot + 1), signature)) {
            throw new InvalidInputException("token", "token is not an acknowledge link");
        }
        if (!MessageDigest.isEqual(sign(payload), signature)) {
            throw new InvalidInputException("token", "token is not signed by this orchestrator");
        }
        String[] parts = new String(payload, StandardCharsets.US_ASCII).split("\\.", -1);
        if (parts.length != 3 || !INCIDENT_ID.matcher(parts[0]).matches() || !parts[1].matches("[0-9]{1,12}")
                || !NONCE.matcher(parts[2]).matches()) {
            throw new InvalidInputException("token", "token is not an acknowledge link");
        }
        Instant expires = Instant.ofEpochSecond(Long.parseLong(parts[1]));
        if (!EngineClock.now().isBefore(expires)) {
            throw new InvalidInputException("token", "this acknowledge link has expired");
        }
        return new Link(parts[0], expires, parts[2]);
    }

    private static boolean spelled(String text, byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).equals(text);
    }

    private byte[] sign(byte[] payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(settings.secret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
