package dev.recoveryorchestrator.action;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
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
            + "adopted_by, detail, cancel_requested_at, cancel_reason";
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

    /**
     * The owning node records the end; false when another node took over meanwhile (its node looked gone). When
     * cancelling was requested, the work ends {@link WorkState#CANCELLED} whatever its steps did: the request's
     * reason, then {@code cancelledDetail}, become its detail.
     */
    boolean finish(String id, String nodeId, WorkState state, Integer exitCode, String tail, String detail,
            String cancelledDetail, Instant now) {
        return jdbc.update("update ro_background_work set state = case when cancel_reason is null then ? else 'CANCELLED' end, "
                        + "exit_code = ?, output_tail = ?, detail = case when cancel_reason is null then ? else cancel_reason || ? end, "
                        + "ended_at = ?, heartbeat_at = ? where id = ? and node_id = ? and " + LIVE + " and adopted_by is null",
                state.name(), exitCode, tail, cap(detail, 2000), cap(cancelledDetail, 900), ts(now), ts(now), id, nodeId) == 1;
    }

    /**
     * Another node declares the work lost, timed out or cancelled (its node gone): only while it is still live and
     * its heartbeat is the one that was seen stale, so that an owner that came back in between keeps it.
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

    /**
     * Asks for the work to be cancelled, in the caller's transaction: only while it is live, and only once (the
     * first reason stays).
     */
    boolean requestCancel(String id, String reason, Instant now) {
        return jdbc.update("update ro_background_work set cancel_requested_at = ?, cancel_reason = ? where id = ? and "
                + LIVE + " and cancel_reason is null", ts(now), cap(reason, 1000), id) == 1;
    }

    /** A work that never started ends CANCELLED; false when it has started (or ended) meanwhile. */
    boolean cancelPending(String id, String detail, Instant now) {
        return jdbc.update("update ro_background_work set state = 'CANCELLED', detail = ?, ended_at = ? where id = ? "
                + "and state = 'PENDING'", cap(detail, 2000), ts(now), id) == 1;
    }

    /** The works live now, and those that ended at or after {@code since}, on any node. */
    List<Work> liveOrEndedSince(Instant since) {
        return jdbc.query("select " + COLUMNS + " from ro_background_work where " + LIVE + " or ended_at >= ?", ROW,
                ts(since));
    }

    /** The live works that someone asked to cancel. */
    List<Work> cancelRequested() {
        return jdbc.query("select " + COLUMNS + " from ro_background_work where cancel_reason is not null and " + LIVE, ROW);
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
                exit, rs.getString("adopted_by"), rs.getString("detail"), instant(rs, "cancel_requested_at"),
                rs.getString("cancel_reason"));
    };
}
