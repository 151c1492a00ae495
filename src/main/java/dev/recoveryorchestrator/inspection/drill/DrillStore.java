package dev.recoveryorchestrator.inspection.drill;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/** The drills' results ({@code ro_drill}), newest first. */
@Repository
class DrillStore {

    private static final String COLUMNS = "id, failure_type, incident_id, process_instance_id, started_at, injected_at, "
            + "recovered_at, ended_at, recovery_seconds, target_seconds, outcome, finding, started_by";
    /** {@code ro_drill.finding} is {@code varchar(4000)}. */
    static final int MAX_FINDING = 4000;
    private final JdbcTemplate jdbc;

    DrillStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void insert(DrillResult result) {
        jdbc.update("insert into ro_drill (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", result.id(),
                result.failureType(), result.incidentId(), result.processInstanceId(), ts(result.startedAt()),
                ts(result.injectedAt()), ts(result.recoveredAt()), ts(result.endedAt()), result.recoverySeconds(),
                result.targetSeconds(), result.outcome(), result.finding(), result.startedBy());
    }

    List<DrillResult> recent(int limit) {
        return jdbc.query("select " + COLUMNS + " from ro_drill order by ended_at desc, id limit ?", ROW, limit);
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    private static final RowMapper<DrillResult> ROW = (rs, n) -> new DrillResult(rs.getString("id"),
            rs.getString("failure_type"), rs.getString("incident_id"), rs.getString("process_instance_id"),
            instant(rs, "started_at"), instant(rs, "injected_at"), instant(rs, "recovered_at"), instant(rs, "ended_at"),
            rs.getObject("recovery_seconds", Long.class), rs.getLong("target_seconds"), rs.getString("outcome"),
            rs.getString("finding"), rs.getString("started_by"));
}
