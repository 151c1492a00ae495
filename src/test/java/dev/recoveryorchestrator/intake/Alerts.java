package dev.recoveryorchestrator.intake;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

/** Alert notifications for tests: the published fixtures, and ones built as Alertmanager would send them. */
final class Alerts {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String AM_FIRING = "alertmanager-v4-firing-grouped.oncall-example.json";
    static final String AM_RESOLVED = "alertmanager-v4-resolved.oncall-heartbeat.json";
    static final String GRAFANA_FIRING = "grafana-webhook-v1-firing-grouped.grafana-docs.json";
    static final String GRAFANA_TEST = "grafana-webhook-v1-grafana12-test-notification.keep-test.json";

    private Alerts() {
    }

    static String fixture(String name) {
        try (InputStream in = Alerts.class.getResourceAsStream("/alerts/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An Alertmanager v4 notification of the given alerts. */
    static String alertmanager(ObjectNode... alerts) {
        ObjectNode root = JSON.createObjectNode().put("version", "4").put("status", "firing").put("receiver", "orchestrator")
                .put("groupKey", "{}:{alertname=\"test\"}").put("truncatedAlerts", 0).put("externalURL", "http://127.0.0.1:9093");
        ArrayNode list = root.putArray("alerts");
        for (ObjectNode alert : alerts) {
            list.add(alert);
        }
        return root.toString();
    }

    /** A Grafana v1 notification of the given alerts. */
    static String grafana(ObjectNode... alerts) {
        ObjectNode root = (ObjectNode) read(alertmanager(alerts));
        root.put("version", "1").put("orgId", 1).put("state", "alerting").put("title", "[FIRING]");
        return root.toString();
    }

    static ObjectNode firing(String fingerprint, Map<String, String> labels, Instant startsAt) {
        return alert("firing", fingerprint, labels, startsAt.toString(), "0001-01-01T00:00:00Z");
    }

    static ObjectNode resolved(String fingerprint, Map<String, String> labels) {
        return alert("resolved", fingerprint, labels, Instant.now().minusSeconds(600).toString(), Instant.now().toString());
    }

    static ObjectNode alert(String status, String fingerprint, Map<String, String> labels, String startsAt, String endsAt) {
        ObjectNode alert = JSON.createObjectNode().put("status", status).put("fingerprint", fingerprint)
                .put("startsAt", startsAt).put("endsAt", endsAt).put("generatorURL", "http://127.0.0.1:9090/graph");
        ObjectNode labelNode = alert.putObject("labels");
        labels.forEach(labelNode::put);
        alert.putObject("annotations").put("summary", "Routing ML backend does not answer");
        return alert;
    }

    static com.fasterxml.jackson.databind.JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
