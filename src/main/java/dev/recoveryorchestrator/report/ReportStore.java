package dev.recoveryorchestrator.report;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** {@code ro_incident_review} and {@code ro_incident_report}: what the report needs, outliving the engine's history. */
@Repository
class ReportStore {

    /** How the measures are kept in one column: one per line (a measure is one line). */
    private static final String SEPARATOR = "\n";
    private final JdbcTemplate jdbc;

    ReportStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Review review(String incidentId) {
        return jdbc.query("select * from ro_incident_review where incident_id = ?", (rs, n) -> new Review(
                rs.getString("cause"),
                rs.getString("measures") == null ? List.of()
                        : Arrays.stream(rs.getString("measures").split(SEPARATOR)).filter(m -> !m.isBlank()).toList(),
                rs.getString("lessons"), rs.getString("reviewed_by"), instant(rs.getTimestamp("reviewed_at")),
                rs.getString("docs_note"), rs.getString("docs_updated_by"), instant(rs.getTimestamp("docs_updated_at"))),
                incidentId).stream().findFirst().orElse(Review.NONE);
    }

    void saveReview(String incidentId, String cause, List<String> measures, String lessons, String by, Instant at) {
        ensureRow(incidentId);
        jdbc.update("update ro_incident_review set cause = ?, measures = ?, lessons = ?, reviewed_by = ?, reviewed_at = ?"
                + " where incident_id = ?", cause, String.join(SEPARATOR, measures), lessons, by, Timestamp.from(at),
                incidentId);
    }

    void saveDocsUpdate(String incidentId, String note, String by, Instant at) {
        ensureRow(incidentId);
        jdbc.update("update ro_incident_review set docs_note = ?, docs_updated_by = ?, docs_updated_at = ? "
                + "where incident_id = ?", note, by, Timestamp.from(at), incidentId);
    }

    private void ensureRow(String incidentId) {
        if (jdbc.queryForObject("select count(*) from ro_incident_review where incident_id = ?", Integer.class,
                incidentId) == 0) {
            jdbc.update("insert into ro_incident_review (incident_id) values (?)", incidentId);
        }
    }

    /** Inserts a report version; a file name already taken throws {@code DuplicateKeyException}. */
    void addReport(StoredReport report) {
        jdbc.update("insert into ro_incident_report (incident_id, version, final, file_name, written_at, content) "
                        + "values (?, ?, ?, ?, ?, ?)", report.incidentId(), report.version(), report.isFinal(),
                report.fileName(), Timestamp.from(report.writtenAt()), report.content());
    }

    List<StoredReport> reports(String incidentId) {
        return jdbc.query("select * from ro_incident_report where incident_id = ? order by version", (rs, n) ->
                new StoredReport(rs.getString("incident_id"), rs.getInt("version"), rs.getBoolean("final"),
                        rs.getString("file_name"), rs.getTimestamp("written_at").toInstant(), rs.getString("content")),
                incidentId);
    }

    Optional<StoredReport> latest(String incidentId) {
        List<StoredReport> all = reports(incidentId);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    /** Whether another incident's report already uses a file name. */
    boolean fileNameTaken(String fileName) {
        return jdbc.queryForObject("select count(*) from ro_incident_report where file_name = ?", Integer.class,
                fileName) > 0;
    }

    private static Instant instant(Timestamp value) {
        return value == null ? null : value.toInstant();
    }

    /** One written version of a report. */
    record StoredReport(String incidentId, int version, boolean isFinal, String fileName, Instant writtenAt,
            String content) {
    }
}
