package dev.recoveryorchestrator.intake;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.recoveryorchestrator.config.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Iterator;

/**
 * Reads a webhook body leniently, as Alertmanager and Grafana send it: unknown fields are ignored, {@code endsAt}
 * and {@code startsAt} may be {@code ""} or the zero time {@code 0001-01-01T00:00:00Z}, numbers in labels are text.
 * What cannot be an alert notification (malformed JSON, the wrong {@code version}, no {@code alerts}, an alert
 * without a status or with labels that are not a map) is refused with the field named; nothing from it is stored.
 */
final class NotificationParser {

    static final String ALERTMANAGER = "alertmanager";
    static final String GRAFANA = "grafana";
    /** Go's zero time, which Alertmanager sends as {@code endsAt} of a firing alert. */
    private static final Instant ZERO_TIME = Instant.parse("0001-01-01T00:00:00Z");
    private static final int MAX_FINGERPRINT = 200;
    private final ObjectMapper json;

    NotificationParser(ObjectMapper json) {
        this.json = json;
    }

    Notification parse(String source, byte[] body) {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (JacksonException e) {
            throw new InvalidInputException("body", "the request body is not valid JSON: " + firstLine(e.getOriginalMessage()));
        } catch (java.io.IOException e) {
            throw new InvalidInputException("body", "the request body cannot be read");
        }
        if (root == null || !root.isObject()) {
            throw new InvalidInputException("body", "the request body must be a JSON object (an alert notification)");
        }
        String expected = source.equals(ALERTMANAGER) ? "4" : "1";
        JsonNode version = root.get("version");
        if (version == null || !version.isValueNode() || !version.asText().equals(expected)) {
            throw new InvalidInputException("version", "version must be \"" + expected + "\" (" + source + " webhook)"
                    + (version == null ? ", none was sent" : ""));
        }
        JsonNode alerts = root.get("alerts");
        if (alerts == null || !alerts.isArray()) {
            throw new InvalidInputException("alerts", "alerts must be a list of alerts");
        }
        List<ReceivedAlert> parsed = new ArrayList<>();
        for (int i = 0; i < alerts.size(); i++) {
            parsed.add(alert(alerts.get(i), "alerts[" + i + "]"));
        }
        JsonNode truncated = root.get("truncatedAlerts");
        return new Notification(source, text(root.get("groupKey")),
                truncated != null && truncated.canConvertToInt() ? truncated.asInt() : 0, parsed);
    }

    private ReceivedAlert alert(JsonNode alert, String field) {
        if (alert == null || !alert.isObject()) {
            throw new InvalidInputException(field, field + " must be an object");
        }
        String status = text(alert.get("status"));
        if (!status.equals("firing") && !status.equals("resolved")) {
            throw new InvalidInputException(field + ".status", field + ".status must be firing or resolved");
        }
        Map<String, String> labels = map(alert.get("labels"), field + ".labels");
        Map<String, String> annotations = map(alert.get("annotations"), field + ".annotations");
        String fingerprint = text(alert.get("fingerprint")).strip();
        if (fingerprint.isEmpty() || fingerprint.length() > MAX_FINGERPRINT
                || fingerprint.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            fingerprint = fingerprintOf(labels, fingerprint);
        }
        return new ReceivedAlert(status.equals("firing"), labels, annotations, time(alert.get("startsAt"), field + ".startsAt"),
                time(alert.get("endsAt"), field + ".endsAt"), fingerprint);
    }

    private static Map<String, String> map(JsonNode node, String field) {
        if (node == null || node.isNull()) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw new InvalidInputException(field, field + " must be a map of names to text");
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (!entry.getValue().isValueNode()) {
                throw new InvalidInputException(field, field + "." + abbreviate(entry.getKey()) + " must be text");
            }
            values.put(entry.getKey(), entry.getValue().isNull() ? "" : entry.getValue().asText());
        }
        return values;
    }

    private static Instant time(JsonNode node, String field) {
        String text = text(node).strip();
        if (text.isEmpty()) {
            return null;
        }
        try {
            Instant at = OffsetDateTime.parse(text).toInstant();
            return at.equals(ZERO_TIME) ? null : at;
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field, field + " is not an RFC 3339 time");
        }
    }

    /**
     * A fingerprint for an alert that came without a usable one: the SHA-256 of its sorted labels (as Alertmanager's
     * own is a hash of the labels), or of the text sent when there are none.
     */
    private static String fingerprintOf(Map<String, String> labels, String sent) {
        StringBuilder identity = new StringBuilder();
        new TreeMap<>(labels).forEach((name, value) -> identity.append(name).append('\u0000').append(value).append('\u0000'));
        if (labels.isEmpty()) {
            identity.append(sent);
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(identity.toString().getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() || !node.isValueNode() ? "" : node.asText();
    }

    private static String abbreviate(String text) {
        String printable = text.replaceAll("[\\p{Cc}\\p{Cf}]", "?");
        return printable.length() <= 40 ? printable : printable.substring(0, 40) + "…";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "empty";
        }
        int end = message.indexOf('\n');
        return abbreviate(end < 0 ? message : message.substring(0, end));
    }
}
