package dev.recoveryorchestrator.incident;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/** Our incident table and its timeline. The database, not this class, keeps one incident open per type and target. */
@Repository
class IncidentStore {

    private static final String COLUMNS = "id, failure_type, target, scope, summary, source, opened_by, state, tier, "
            + "critical, opened_at, rto_deadline, recovered_at, downtime_seconds, process_instance_id, symptom_confirmed_at, "
            + "closed_at, closed_reason, closed_by, temporary_measure, drill";
    /** {@code ro_incident_event.detail} is {@code varchar(4000)}. */
    static final int MAX_DETAIL = 4000;
    private final JdbcTemplate jdbc;

    IncidentStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts an OPEN incident; throws {@link org.springframework.dao.DuplicateKeyException} when one is open. */
    void insertOpen(Incident incident) {
        insertOpen(incident, null);
    }

    /** {@link #insertOpen(Incident)} naming the incident this one is a relapse of ("재발"). */
    void insertOpen(Incident incident, String relapseOf) {
        jdbc.update("insert into ro_incident (id, failure_type, target, scope, summary, source, opened_by, state, "
                        + "open_key, critical, opened_at, rto_deadline, symptom_confirmed_at, relapse_of, drill) "
                        + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, false, ?, ?, ?, ?, ?)",
                incident.id(), incident.type().id(), incident.target(), incident.scope(), incident.summary(),
                incident.source(), incident.openedBy(), IncidentState.OPEN.name(),
                openKey(incident.type(), incident.target(), incident.drill()), ts(incident.openedAt()),
                ts(incident.rtoDeadline()), ts(incident.symptomConfirmedAt()), relapseOf, incident.drill());
    }

    /** The incident this one is a relapse of ("재발"), when it is one. */
    Optional<String> relapseOf(String id) {
        return jdbc.queryForList("select relapse_of from ro_incident where id = ? and relapse_of is not null",
                String.class, id).stream().findFirst();
    }

    /**
     * The real incident of the type and target that recovered last between {@code since} and {@code until}; a drill
     * is nobody's predecessor.
     */
    Optional<Incident> lastRecovered(FailureType type, String target, Instant since, Instant until) {
        return jdbc.query("select " + COLUMNS + " from ro_incident where failure_type = ? and target = ? and state = ? "
                        + "and drill = false and recovered_at >= ? and recovered_at <= ? order by recovered_at desc limit 1", ROW, type.id(),
                target, IncidentState.RECOVERED.name(), ts(since), ts(until)).stream().findFirst();
    }

    void attachProcess(String id, String processInstanceId) {
        jdbc.update("update ro_incident set process_instance_id = ? where id = ?", processInstanceId, id);
    }

    Optional<Incident> findOpen(FailureType type, String target) {
        return findOpen(type, target, false);
    }

    /** The open incident of the type and target, the real one or ({@code drill}) the drill's: each has its own slot. */
    Optional<Incident> findOpen(FailureType type, String target, boolean drill) {
        return jdbc.query("select " + COLUMNS + " from ro_incident where open_key = ?", ROW, openKey(type, target, drill))
                .stream().findFirst();
    }

    Optional<Incident> find(String id) {
        return jdbc.query("select " + COLUMNS + " from ro_incident where id = ?", ROW, id).stream().findFirst();
    }

    List<Incident> list(Optional<IncidentState> state, int limit) {
        return state.map(s -> jdbc.query("select " + COLUMNS + " from ro_incident where state = ? order by opened_at desc"
                        + " limit ?", ROW, s.name(), limit))
                .orElseGet(() -> jdbc.query("select " + COLUMNS + " from ro_incident order by opened_at desc limit ?",
                        ROW, limit));
    }

    /** Marks the incident recovered and frees its open slot, so that a later failure opens a new incident. */
    boolean markRecovered(String id, Instant recoveredAt) {
        Optional<Incident> open = find(id).filter(incident -> incident.state() == IncidentState.OPEN);
        Instant at = open.isPresent() && recoveredAt.isBefore(open.get().openedAt()) ? open.get().openedAt() : recoveredAt;
        return open.isPresent() && jdbc.update("update ro_incident set state = ?, open_key = null, recovered_at = ?, "
                        + "downtime_seconds = ? where id = ? and state = ?",
                IncidentState.RECOVERED.name(), ts(at),
                Duration.between(open.get().openedAt(), at).toSeconds(), id, IncidentState.OPEN.name()) == 1;
    }

    /**
     * Closes an OPEN incident and frees its open slot. Only an OPEN incident closes: a recovered one keeps its
     * recovery, and of two nodes closing the same incident one wins.
     */
    boolean markClosed(String id, Instant closedAt, String reason, String closedBy) {
        return jdbc.update("update ro_incident set state = ?, open_key = null, closed_at = ?, closed_reason = ?, "
                        + "closed_by = ? where id = ? and state = ?", IncidentState.CLOSED.name(), ts(closedAt),
                reason, closedBy, id, IncidentState.OPEN.name()) == 1;
    }

    /** Records the first confirmation of the symptom; later ones keep the first. */
    boolean confirmSymptom(String id, Instant at) {
        return jdbc.update("update ro_incident set symptom_confirmed_at = ? where id = ? and symptom_confirmed_at is null",
                ts(at), id) == 1;
    }

    /** Sets or (with null) clears the temporary measure in force. */
    void temporaryMeasure(String id, String measure) {
        jdbc.update("update ro_incident set temporary_measure = ? where id = ?", measure, id);
    }

    /** OPEN incidents with the process instance they should be running in (null when none was attached). */
    List<Incident> listOpen() {
        return jdbc.query("select " + COLUMNS + " from ro_incident where state = ? order by opened_at", ROW,
                IncidentState.OPEN.name());
    }

    void addAttempt(String incidentId, FailureType type, String action, Instant at) {
        jdbc.update("insert into ro_recovery_attempt (incident_id, failure_type, action, at) values (?, ?, ?, ?)",
                incidentId, type.id(), action, ts(at));
    }

    int countAttempts(String incidentId) {
        return jdbc.queryForObject("select count(*) from ro_recovery_attempt where incident_id = ?", Integer.class,
                incidentId);
    }

    /** Automatic attempts of the type since then, of real incidents when {@code drill} is false, else of drills. */
    int countAttempts(FailureType type, Instant since, boolean drill) {
        return jdbc.queryForObject("select count(*) from ro_recovery_attempt a join ro_incident i on i.id = a.incident_id "
                        + "where a.failure_type = ? and a.at >= ? and i.drill = ?",
                Integer.class, type.id(), ts(since), drill);
    }

    /**
     * Records the first acknowledgement of an OPEN incident; false when it was acknowledged before or is no longer
     * open (of two people acknowledging at once, one wins).
     */
    boolean acknowledge(String id, Instant at, String by, String via) {
        return jdbc.update("update ro_incident set acknowledged_at = ?, acknowledged_by = ?, acknowledged_via = ? "
                + "where id = ? and state = ? and acknowledged_at is null", ts(at), cut(by, 100), via, id,
                IncidentState.OPEN.name()) == 1;
    }

    Optional<Acknowledgement> acknowledgement(String id) {
        return jdbc.query("select acknowledged_at, acknowledged_by, acknowledged_via from ro_incident where id = ? "
                        + "and acknowledged_at is not null", (rs, n) -> new Acknowledgement(id,
                        rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3)), id).stream().findFirst();
    }

    /** Marks a mail link's nonce used; false when it was used before. */
    boolean useLink(String nonce, String incidentId, Instant at, String by) {
        try {
            return jdbc.update("insert into ro_ack_link (nonce, incident_id, used_at, used_by) values (?, ?, ?, ?)",
                    nonce, incidentId, ts(at), cut(by, 100)) == 1;
        } catch (org.springframework.dao.DuplicateKeyException used) {
            return false;
        }
    }

    /** OPEN incidents counted by type, tier reached, acknowledged or not, and drill or not. */
    List<OpenIncidentCount> openCounts() {
        return jdbc.query("select failure_type, tier, acknowledged_at is not null as acknowledged, drill, count(*) "
                        + "from ro_incident where state = ? group by failure_type, tier, acknowledged_at is not null, drill",
                (rs, n) -> new OpenIncidentCount(FailureType.parse(rs.getString(1)).orElseThrow(), rs.getString(2),
                        rs.getBoolean(3), rs.getBoolean(4), rs.getLong(5)), IncidentState.OPEN.name());
    }

    /** Real incidents open now (drills are not counted). */
    long countOpen() {
        return jdbc.queryForObject("select count(*) from ro_incident where state = ? and drill = false", Long.class,
                IncidentState.OPEN.name());
    }

    void setTier(String id, String tier) {
        jdbc.update("update ro_incident set tier = ? where id = ?", tier, id);
    }

    void markCritical(String id) {
        jdbc.update("update ro_incident set critical = true where id = ?", id);
    }

    /** Writes a timeline entry with its code ({@link TimelineCode}; null for none). */
    void addEvent(String incidentId, Instant at, String step, String detail, String actor, TimelineCode code) {
        jdbc.update("insert into ro_incident_event (incident_id, at, step, detail, actor, code) "
                        + "values (?, ?, ?, ?, ?, ?)",
                incidentId, ts(at), step, newest(detail, MAX_DETAIL), actor == null ? null : cut(actor, 100),
                code == null ? null : code.name());
    }

    /**
     * Adds one to the count of the incident's entry with this key, or writes it (count 1) when there is none yet.
     * The count is kept in the database ({@code repeats = repeats + 1}) and the key is unique per incident, so
     * concurrent repeats are each counted exactly once and make one entry. Runs outside a transaction or in one of its
     * own: on PostgreSQL the losing insert of a race would otherwise abort the caller's transaction.
     */
    void addOrRepeatEvent(String incidentId, String key, Instant at, String step, String detail, String actor) {
        for (int tries = 0; tries < 3; tries++) {
            if (repeatEvent(incidentId, key, at)) {
                return;
            }
            try {
                jdbc.update("insert into ro_incident_event (incident_id, at, step, detail, actor, collapse_key, repeats, "
                                + "last_at) values (?, ?, ?, ?, ?, ?, 1, ?)", incidentId, ts(at), step,
                        newest(detail, MAX_DETAIL), actor == null ? null : cut(actor, 100), key, ts(at));
                return;
            } catch (org.springframework.dao.DuplicateKeyException raced) {
                // another request wrote the entry first: count this one on it
            }
        }
        throw new IllegalStateException("timeline entry " + key + " could be neither written nor counted");
    }

    /** Adds one to the count of the incident's entry with this key; false when it has none. */
    boolean repeatEvent(String incidentId, String key, Instant at) {
        return jdbc.update("update ro_incident_event set repeats = repeats + 1, last_at = ? where incident_id = ? "
                + "and collapse_key = ?", ts(at), incidentId, key) == 1;
    }

    /** How many of the incident's keyed entries have a key starting with {@code prefix}. */
    int countKeyed(String incidentId, String prefix) {
        return jdbc.queryForObject("select count(*) from ro_incident_event where incident_id = ? and collapse_key like ?",
                Integer.class, incidentId, prefix.replace("%", "").replace("_", "") + "%");
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }

    /**
     * One page of incidents, newest first, with the filters that are present.
     *
     * @return the page and the number of incidents matching the filters
     */
    Page list(IncidentQuery query) {
        StringBuilder where = new StringBuilder(" where 1 = 1");
        List<Object> args = new java.util.ArrayList<>();
        query.state().ifPresent(state -> {
            where.append(" and state = ?");
            args.add(state.name());
        });
        query.type().ifPresent(type -> {
            where.append(" and failure_type = ?");
            args.add(type.id());
        });
        query.openedFrom().ifPresent(from -> {
            where.append(" and opened_at >= ?");
            args.add(ts(from));
        });
        query.drill().ifPresent(drill -> {
            where.append(" and drill = ?");
            args.add(drill);
        });
        query.openedTo().ifPresent(to -> {
            where.append(" and opened_at < ?");
            args.add(ts(to));
        });
        long total = jdbc.queryForObject("select count(*) from ro_incident" + where, Long.class, args.toArray());
        List<Object> paged = new java.util.ArrayList<>(args);
        paged.add(query.size());
        paged.add((long) query.page() * query.size());
        List<Incident> incidents = jdbc.query("select " + COLUMNS + " from ro_incident" + where
                + " order by opened_at desc, id limit ? offset ?", ROW, paged.toArray());
        return new Page(incidents, total);
    }

    /** A page of {@link #list(IncidentQuery)}. */
    record Page(List<Incident> incidents, long total) {
    }

    /**
     * A detail that fits the column: when it is too long, its end, from the start of a line where one begins near
     * the cut. The end is what matters in a log or a command's output (the traceback, the last error), not its start.
     */
    static String newest(String detail, int max) {
        if (detail.length() <= max) {
            return detail;
        }
        int cut = detail.length() - (max - 1);
        if (cut < detail.length() && Character.isLowSurrogate(detail.charAt(cut))) {
            cut++;
        }
        int lineStart = detail.indexOf('\n', cut);
        if (lineStart >= 0 && lineStart < cut + 200 && lineStart + 1 < detail.length()) {
            cut = lineStart + 1;
        }
        return "…" + detail.substring(cut);
    }

    List<TimelineEntry> timeline(String incidentId) {
        return jdbc.query("select at, step, detail, actor, repeats, last_at, code from ro_incident_event "
                        + "where incident_id = ? order by id",
                (rs, n) -> new TimelineEntry(rs.getTimestamp("at").toInstant(), rs.getString("step"),
                        rs.getString("detail"), rs.getString("actor"), rs.getInt("repeats"), instant(rs, "last_at"),
                        TimelineCode.of(rs.getString("code"))),
                incidentId);
    }

    private static String openKey(FailureType type, String target, boolean drill) {
        return type.id() + "|" + target + (drill ? "|drill" : "");
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    private static final RowMapper<Incident> ROW = (rs, n) -> {
        Long downtime = rs.getObject("downtime_seconds", Long.class);
        return new Incident(
                rs.getString("id"),
                FailureType.parse(rs.getString("failure_type")).orElseThrow(),
                rs.getString("target"),
                rs.getString("scope"),
                rs.getString("summary"),
                rs.getString("source"),
                rs.getString("opened_by"),
                IncidentState.valueOf(rs.getString("state")),
                rs.getString("tier"),
                rs.getBoolean("critical"),
                instant(rs, "opened_at"),
                instant(rs, "rto_deadline"),
                instant(rs, "recovered_at"),
                downtime == null ? null : Duration.ofSeconds(downtime),
                rs.getString("process_instance_id"),
                instant(rs, "symptom_confirmed_at"),
                instant(rs, "closed_at"),
                rs.getString("closed_reason"),
                rs.getString("closed_by"),
                rs.getString("temporary_measure"),
                rs.getBoolean("drill"));
    };
}
