package dev.recoveryorchestrator.intake;

import java.time.Instant;
import java.util.Map;

/**
 * One alert of a notification, as parsed: labels and annotations are text from outside, kept as data.
 *
 * @param startsAt when the alert began firing, or null when the sender did not say ({@code ""}, zero time)
 * @param fingerprint the sender's, or one computed from the labels when it sent none
 */
record ReceivedAlert(boolean firing, Map<String, String> labels, Map<String, String> annotations, Instant startsAt,
        Instant endsAt, String fingerprint) {

    String alertname() {
        return labels.getOrDefault("alertname", "");
    }

    /** The annotation that says most about the alert, for the incident's summary. */
    String summary() {
        for (String key : new String[] {"summary", "title", "description", "message"}) {
            String value = annotations.get(key);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return alertname();
    }
}
