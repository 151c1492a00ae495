package dev.recoveryorchestrator.maintenance;

import dev.recoveryorchestrator.incident.FailureType;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/** Maintenance windows and what was seen during them. */
@Repository
class MaintenanceStore {

    private static final String COLUMNS = "id, target, failure_types, starts_at, ends_at, reason, created_by, created_at";
    private static final String READ = COLUMNS + ", ended_by, ended_at";
    private final JdbcTemplate jdbc;

    MaintenanceStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void insert(MaintenanceWindow window) {
        jdbc.update("insert into ro_maintenance (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?)", window.id(),
                window.target(), window.types().isEmpty() ? null
                        : window.types().stream().map(FailureType::id).collect(Collectors.joining(",")),
                ts(window.startsAt()), ts(window.endsAt()), window.reason(), window.createdBy(), ts(window.createdAt()));
    }

    /** Windows of the target that have begun and not yet ended at {@code at}, the latest ending first. */
    List<MaintenanceWindow> active(String target, Instant at) {
        return jdbc.query("select " + READ + " from ro_maintenance where target = ? and starts_at <= ? and ends_at > ? "
                + "order by ends_at desc", ROW, target, ts(at), ts(at));
    }

    List<MaintenanceWindow> list(int limit) {
        return jdbc.query("select " + READ + " from ro_maintenance order by starts_at desc limit ?", ROW, limit);
    }

    /** Moves the window's end to {@code at} when it would end later; false when it had already ended or is unknown. */
    boolean endBy(String id, Instant at) {
        return jdbc.update("update ro_maintenance set ends_at = ? where id = ? and ends_at > ?", ts(at), id, ts(at)) == 1;
    }

    /**
     * Ends a window now that has not ended, recording who ended it: an active one ends now, a planned one never
     * begins (its start moves to now too). False when it had already ended or is unknown.
     */
    boolean endEarly(String id, Instant now, String endedBy) {
        return jdbc.update("update ro_maintenance set ends_at = ?, starts_at = case when starts_at > ? then ? else starts_at "
                + "end, ended_by = ?, ended_at = ? where id = ? and ends_at > ?", ts(now), ts(now), ts(now), endedBy,
                ts(now), id, ts(now)) == 1;
    }

    Optional<MaintenanceWindow> find(String id) {
        return jdbc.query("select " + READ + " from ro_maintenance where id = ?", ROW, id).stream().findFirst();
    }

    /** Adds one sighting: the first of a source and subject inserts, later ones count; two nodes racing both count. */
    void record(String windowId, String source, FailureType type, String subject, String detail, Instant at) {
        String sql = "update ro_maintenance_event set seen = seen + 1, last_at = ?, detail = ? "
                + "where maintenance_id = ? and source = ? and subject = ?";
        if (jdbc.update(sql, ts(at), detail, windowId, source, subject) > 0) {
            return;
        }
        try {
            jdbc.update("insert into ro_maintenance_event (maintenance_id, source, failure_type, subject, first_at, "
                    + "last_at, seen, detail) values (?, ?, ?, ?, ?, ?, 1, ?)", windowId, source,
                    type == null ? null : type.id(), subject, ts(at), ts(at), detail);
        } catch (DuplicateKeyException raced) {
            jdbc.update(sql, ts(at), detail, windowId, source, subject);
        }
    }

    List<Seen> seen(String windowId) {
        return jdbc.query("select source, failure_type, subject, first_at, last_at, seen, detail from ro_maintenance_event "
                        + "where maintenance_id = ? order by first_at, id",
                (rs, n) -> new Seen(rs.getString("source"), rs.getString("failure_type"), rs.getString("subject"),
                        rs.getTimestamp("first_at").toInstant(), rs.getTimestamp("last_at").toInstant(), rs.getInt("seen"),
                        rs.getString("detail")), windowId);
    }

    /** What a window recorded from one source about one subject. */
    record Seen(String source, String type, String subject, Instant firstAt, Instant lastAt, int count, String detail) {
    }

    private static Timestamp ts(Instant instant) {
        return Timestamp.from(instant);
    }

    private static final RowMapper<MaintenanceWindow> ROW = (rs, n) -> {
        String types = rs.getString("failure_types");
        return new MaintenanceWindow(rs.getString("id"), rs.getString("target"),
                types == null ? List.of() : Arrays.stream(types.split(","))
                        .map(type -> FailureType.parse(type).orElseThrow()).toList(),
                rs.getTimestamp("starts_at").toInstant(), rs.getTimestamp("ends_at").toInstant(), rs.getString("reason"),
                rs.getString("created_by"), rs.getTimestamp("created_at").toInstant(), rs.getString("ended_by"),
                rs.getTimestamp("ended_at") == null ? null : rs.getTimestamp("ended_at").toInstant());
    };
}
