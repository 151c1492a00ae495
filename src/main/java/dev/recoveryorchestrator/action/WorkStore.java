package dev.recoveryorchestrator.action;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/**
 * Our record of tracked background work. Every change of state is conditional on the state (and owner) it
 * expects, so two nodes never both decide what became of the same work.
 */
@Repository
class WorkStore {

    private static final String COLUMNS = "id, owner_key, action_name, reference, node_id, host_id, state, step, pid, "
            + "pid_started_ms, output_file, output_tail, started_at, deadline, heartbeat_at, ended_at, exit_code, "
            + "adopted_by, detail";
    private static final String LIVE = "state in ('PENDING', 'RUNNING')";
    private final JdbcTemplate jdbc;

    WorkStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Work work) {
        jdbc.update("insert into ro_background_work (id, owner_key, action_name, reference, node_id, host_id, state, step, "
                        + "output_file, started_at, deadline, heartbeat_at) values (?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?)",
                work.id(), work.ownerKey(), work.action(), cap(work.reference(), 100), work.nodeId(), work.hostId(),
                work.state().name(), work.outputFile().toString(), ts(work.startedAt()), ts(work.deadline()),
                ts(work.heartbeatAt()));
    }

    Optional<Work> find(String id) {
        return jdbc.query("select " + COLUMNS + " from ro_background_work where id = ?", ROW, id).stream().findFirst();
    }

    Optional<Work> findByOwner(String ownerKey) {
        return jdbc.query("select " + COLUMNS + " from ro_background_work where owner_key = ?", ROW, ownerKey)
                .stream().findFirst();
    }

    /** PENDING to RUNNING, by its own node only: false when another node already declared it lost. */
    boolean markRunning(String id, String nodeId, Instant now) {
        return jdbc.update("update ro_background_work set state = 'RUNNING', heartbeat_at = ? where id = ? and node_id = ? "
                + "and state = 'PENDING'", ts(now), id, nodeId) == 1;
    }

    void stepStarted(String id, String nodeId, int step, Long pid, Long pidStartedMillis, Instant now) {
        jdbc.update("update ro_background_work set step = ?, pid = ?, pid_started_ms = ?, heartbeat_at = ? where id = ? "
                + "and node_id = ? and state = 'RUNNING'", step, pid, pidStartedMillis, ts(now), id, nodeId);
    }

    void heartbeat(String id, String nodeId, Instant now, String tail) {
        jdbc.update("update ro_background_work set heartbeat_at = ?, output_tail = ? where id = ? and node_id = ? and "
                + LIVE + " and adopted_by is null", ts(now), tail, id, nodeId);
    }

    /** The owning node records the end; false when another node took over meanwhile (its node looked gone). */
    boolean finish(String id, String nodeId, WorkState state, Integer exitCode, String tail, String detail, Instant now) {
        return jdbc.update("update ro_background_work set state = ?, exit_code = ?, output_tail = ?, detail = ?, ended_at = ?, "
                        + "heartbeat_at = ? where id = ? and node_id = ? and " + LIVE + " and adopted_by is null",
                state.name(), exitCode, tail, cap(detail, 2000), ts(now), ts(now), id, nodeId) == 1;
    }

    /**
     * Another node declares the work lost (or timed out): only while it is still live and its heartbeat is the one
     * that was seen stale, so that an owner that came back in between keeps it.
     */
    boolean endForGoneOwner(String id, Instant staleHeartbeat, WorkState state, String tail, String detail, Instant now) {
        return jdbc.update("update ro_background_work set state = ?, output_tail = ?, detail = ?, ended_at = ? where id = ? "
                        + "and " + LIVE + " and heartbeat_at = ?",
                state.name(), tail, cap(detail, 2000), ts(now), id, ts(staleHeartbeat)) == 1;
    }

    boolean adopt(String id, String nodeId, Instant staleHeartbeat, String detail) {
        return jdbc.update("update ro_background_work set adopted_by = ?, detail = ? where id = ? and state = 'RUNNING' "
                + "and adopted_by is null and heartbeat_at = ?", nodeId, cap(detail, 2000), id, ts(staleHeartbeat)) == 1;
    }

    void updateTail(String id, String tail) {
        jdbc.update("update ro_background_work set output_tail = ? where id = ? and " + LIVE, tail, id);
    }

    /** On shutdown: the work is left running; the note says so until another node takes over. */
    void leftRunning(String id, String nodeId, String detail) {
        jdbc.update("update ro_background_work set detail = ? where id = ? and node_id = ? and " + LIVE, cap(detail, 2000), id, nodeId);
    }

    private static String cap(String text, int length) {
        return text == null || text.length() <= length ? text : text.substring(0, length - 1) + "…";
    }

    private static OffsetDateTime ts(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    private static final RowMapper<Work> ROW = (rs, row) -> {
        int exitCode = rs.getInt("exit_code");
        Integer exit = rs.wasNull() ? null : exitCode;
        return new Work(rs.getString("id"), rs.getString("owner_key"), rs.getString("action_name"),
                rs.getString("reference"), rs.getString("node_id"), rs.getString("host_id"),
                WorkState.valueOf(rs.getString("state")), rs.getInt("step"), nullableLong(rs, "pid"),
                nullableLong(rs, "pid_started_ms"), Path.of(rs.getString("output_file")), rs.getString("output_tail"),
                instant(rs, "started_at"), instant(rs, "deadline"), instant(rs, "heartbeat_at"), instant(rs, "ended_at"),
                exit, rs.getString("adopted_by"), rs.getString("detail"));
    };
}
