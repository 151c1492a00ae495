package dev.recoveryorchestrator.intake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.recoveryorchestrator.action.HealthProbe;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Every alert received ({@code ro_alert}), what it said and what became of it. */
@Repository
class AlertStore {

    /** Width of {@code ro_alert.labels} and {@code annotations}. */
    static final int MAX_JSON = 65536;
    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    AlertStore(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    void insert(String id, String source, String groupKey, ReceivedAlert alert, Instant receivedAt) {
        jdbc.update("insert into ro_alert (id, source, received_at, status, fingerprint, alertname, outcome, starts_at, "
                        + "ends_at, group_key, labels, annotations) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                id, source, ts(receivedAt), alert.firing() ? "firing" : "resolved", alert.fingerprint(),
                HealthProbe.oneLine(alert.alertname(), 190), Outcome.RECEIVED.name(), ts(alert.startsAt()),
                ts(alert.endsAt()), groupKey == null ? null : HealthProbe.oneLine(groupKey, 990),
                jsonText(alert.labels()), jsonText(alert.annotations()));
    }

    void handled(String id, Outcome outcome, String type, String scope, String incidentId, String maintenanceId,
            String detail) {
        jdbc.update("update ro_alert set outcome = ?, failure_type = ?, scope = ?, incident_id = ?, maintenance_id = ?, "
                        + "detail = ? where id = ?", outcome.name(), type, scope, incidentId, maintenanceId,
                detail == null ? null : HealthProbe.oneLine(detail, 1990), id);
    }

    /** The incident the last firing alert of this fingerprint went to. */
    Optional<String> incidentOf(String fingerprint) {
        return jdbc.queryForList("select incident_id from ro_alert where fingerprint = ? and incident_id is not null "
                + "and status = 'firing' order by received_at desc limit 1", String.class, fingerprint).stream().findFirst();
    }

    /**
     * Deletes the oldest alerts so that at most {@code keep} remain (alerts received in the same instant as the first
     * one deleted go with it).
     *
     * @return how many were deleted
     */
    int pruneOldest(long keep) {
        List<Timestamp> cutoff = jdbc.queryForList("select received_at from ro_alert order by received_at desc "
                + "limit 1 offset ?", Timestamp.class, keep);
        return cutoff.isEmpty() ? 0 : jdbc.update("delete from ro_alert where received_at <= ?", cutoff.get(0));
    }

    List<KeptAlert> unmatched(int limit) {
        return jdbc.query("select id, source, received_at, status, fingerprint, alertname, outcome, detail, "
                        + "labels, annotations from ro_alert where outcome in ('UNMATCHED', 'NO_RUNBOOK') "
                        + "order by received_at desc limit ?",
                (rs, n) -> new KeptAlert(rs.getString("id"), rs.getString("source"),
                        rs.getTimestamp("received_at").toInstant(), rs.getString("status"), rs.getString("fingerprint"),
                        rs.getString("alertname"), rs.getString("outcome"), rs.getString("detail"),
                        tree(rs.getString("labels")), tree(rs.getString("annotations"))), limit);
    }

    /** Stored JSON back as JSON; a value cut to fit its column is shown as the text it is. */
    private JsonNode tree(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException cut) {
            return TextNode.valueOf(text);
        }
    }

    /** An alert as {@code GET /api/alerts/unmatched} shows it. */
    record KeptAlert(String id, String source, Instant receivedAt, String status, String fingerprint, String alertname,
            String outcome, String detail, JsonNode labels, JsonNode annotations) {
    }

    /** Labels or annotations as JSON text (data, escaped by Jackson); cut when longer than the column. */
    private String jsonText(Map<String, String> values) {
        try {
            String text = json.writeValueAsString(values);
            if (text.length() <= MAX_JSON) {
                return text;
            }
            int cut = Character.isHighSurrogate(text.charAt(MAX_JSON - 2)) ? MAX_JSON - 2 : MAX_JSON - 1;
            return text.substring(0, cut) + "…";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    /** What became of an alert. */
    enum Outcome {
        /** Stored, not yet handled (the node stopped between; the sender's next notification handles it). */
        RECEIVED,
        OPENED,
        DEDUPLICATED,
        UNMATCHED,
        /** Classified to a type whose runbook is not deployed: kept and listed with the unmatched. */
        NO_RUNBOOK,
        MAINTENANCE,
        RESOLVED,
        RESOLVED_IGNORED
    }
}
