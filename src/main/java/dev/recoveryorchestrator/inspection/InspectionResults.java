package dev.recoveryorchestrator.inspection;

import dev.recoveryorchestrator.config.EngineClock;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * The kept results of every inspection check ({@code ro_inspection_result}): what each weekly and monthly step
 * measured, and the DR drills' measured RTO, which {@code inspection-drill} records through {@link #record}.
 * The latest result of each check and the RTO and RPO trends are read from here.
 */
@Service
public class InspectionResults {

    /** Kinds of inspection a result belongs to. */
    public static final Set<String> KINDS = Set.of("weekly", "monthly", "drill");

    private static final String COLUMNS = "id, inspection, kind, check_name, title, status, figures, finding, advice, "
            + "measured, target, unit, duration_ms, tables, recorded_at";

    private final JdbcTemplate jdbc;
    private final io.micrometer.core.instrument.MeterRegistry metrics;

    InspectionResults(JdbcTemplate jdbc, io.micrometer.core.instrument.MeterRegistry metrics) {
        this.jdbc = jdbc;
        this.metrics = metrics;
        for (String check : new String[] {WeeklyChecks.HEALTH, WeeklyChecks.DISK, WeeklyChecks.BACKUP, WeeklyChecks.LOGS,
                RestoreTest.CHECK}) {
            metrics.counter("recovery.inspection.checks.failed", "check", check, "status", "fail");
        }
    }

    /** One kept result. */
    public record Recorded(long id, String inspection, String kind, CheckResult result, Instant recordedAt) {
    }

    /**
     * Keeps one check's result, at the engine's time.
     *
     * @param inspection the run it belongs to (the process instance id of the inspection or drill)
     * @param kind {@code weekly}, {@code monthly} or {@code drill} (a drill: {@code measured} is the recovery time
     *        achieved in seconds, {@code target} the RTO target in seconds)
     */
    public Recorded record(String inspection, String kind, CheckResult result) {
        if (!KINDS.contains(kind)) {
            throw new IllegalArgumentException("kind must be one of " + KINDS + ": " + kind);
        }
        Instant now = EngineClock.now();
        if (result.status() != CheckResult.Status.PASS && !"drill".equals(kind)) {
            String check = cut(result.check(), 40);
            dev.recoveryorchestrator.config.AfterCommit.run(() ->
                    metrics.counter("recovery.inspection.checks.failed", "check", check, "status",
                            result.status().name().toLowerCase(java.util.Locale.ROOT)).increment());
        }
        jdbc.update("insert into ro_inspection_result (inspection, kind, check_name, title, status, figures, finding,"
                        + " advice, measured, target, unit, duration_ms, tables, recorded_at)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                cut(inspection, 64), kind, cut(result.check(), 40), cut(result.title(), 100), result.status().name(),
                cut(result.figures(), 20000), cut(result.finding(), 20000), cut(result.advice(), 2000),
                result.measured(), result.target(), cut(result.unit(), 20), result.durationMs(),
                cut(result.tables(), 20000), Timestamp.from(now));
        List<Recorded> mine = jdbc.query("select " + COLUMNS + " from ro_inspection_result where inspection = ?"
                + " and check_name = ? order by id desc", this::row, cut(inspection, 64), cut(result.check(), 40));
        return mine.get(0);
    }

    /** Every result of one inspection, in the order recorded. */
    public List<Recorded> ofInspection(String inspection) {
        return jdbc.query("select " + COLUMNS + " from ro_inspection_result where inspection = ? order by id", this::row,
                inspection);
    }

    /** The latest result of each check, by check name. */
    public List<Recorded> latest() {
        return jdbc.query("select " + COLUMNS + " from ro_inspection_result r where r.id = (select max(l.id) from"
                + " ro_inspection_result l where l.check_name = r.check_name) order by r.check_name", this::row);
    }

    /** The last {@code limit} results of one check, oldest first (a trend). */
    public List<Recorded> trend(String check, int limit) {
        List<Recorded> newestFirst = jdbc.query("select " + COLUMNS + " from ro_inspection_result where check_name = ?"
                + " order by recorded_at desc, id desc limit ?", this::row, check, limit);
        List<Recorded> oldestFirst = new java.util.ArrayList<>(newestFirst);
        java.util.Collections.reverse(oldestFirst);
        return oldestFirst;
    }

    /** The newest restore test whose backup restored with its tables: the baseline when the live file cannot be read. */
    public java.util.Optional<Recorded> lastBaseline() {
        return jdbc.query("select " + COLUMNS + " from ro_inspection_result where check_name = ? and tables is not null"
                + " order by id desc limit 1", this::row, RestoreTest.CHECK).stream().findFirst();
    }

    private Recorded row(ResultSet rs, int n) throws SQLException {
        CheckResult result = new CheckResult(rs.getString("check_name"), rs.getString("title"),
                CheckResult.Status.valueOf(rs.getString("status")), rs.getString("figures"), rs.getString("finding"),
                rs.getString("advice"), (Double) rs.getObject("measured", Double.class),
                (Double) rs.getObject("target", Double.class), rs.getString("unit"),
                (Long) rs.getObject("duration_ms", Long.class), rs.getString("tables"));
        return new Recorded(rs.getLong("id"), rs.getString("inspection"), rs.getString("kind"), result,
                rs.getTimestamp("recorded_at").toInstant());
    }

    private static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
