package dev.recoveryorchestrator.inspection;

import dev.recoveryorchestrator.config.EngineClock;
import dev.recoveryorchestrator.config.TimeZoneSettings;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.stereotype.Component;

/**
 * The timers of {@code backup-daily}, so the model holds no time: {@code ${backupSchedule.cycle()}} and
 * {@code ${backupSchedule.taskLapse(execution)}}, {@code ${backupSchedule.group()}}.
 * <p>
 * Camunda evaluates a cron cycle in the JVM's default zone, which need not be {@code recovery.time-zone}. So the
 * configured cron is read here, in the configured zone, and the cycle handed to the engine is the one next firing
 * written as a cron with every field fixed (second to month) in the JVM's zone: the same instant whatever the JVM's zone.
 * The engine re-reads the expression each time the timer fires ({@code reevaluateTimeCycleWhenDue}, set in
 * application.yaml), so the following firing is computed again in the configured zone, daylight-saving changes
 * included. At start the due date is computed again ({@link BackupTimerRecalculation}) so a changed cron or zone
 * takes effect without waiting for the old firing.
 */
@Component("backupSchedule")
public class BackupSchedule {

    /** The process variable holding when the backup failed, from which its task's lapse is counted. */
    static final String FAILED_AT = "backupFailedAt";
    private final CronExpression cron;
    private final ZoneId zone;
    private final DailyBackupSettings settings;

    BackupSchedule(DailyBackupSettings settings, TimeZoneSettings zone) {
        this.settings = settings;
        this.cron = CronExpression.parse(settings.backupCron());
        this.zone = zone.timeZone();
    }

    /** The next firing after {@code after}, the cron read in the configured zone. */
    public Instant next(Instant after) {
        ZonedDateTime next = cron.next(after.atZone(zone));
        if (next == null) {
            throw new IllegalStateException("recovery.inspection.backup-cron never fires: " + settings.backupCron());
        }
        return next.toInstant();
    }

    /** The timer's cycle: the next firing after now, as a one-shot cron in the JVM's default zone. */
    public String cycle() {
        return oneShot(next(EngineClock.now()), ZoneId.systemDefault());
    }

    /**
     * A cron (six fields, as the engine reads them) whose next firing is {@code at}, read in {@code jvmZone}: second,
     * minute, hour, day and month fixed. It would fire again a year later; it never does, since the engine reads the
     * expression again when it fires.
     */
    static String oneShot(Instant at, ZoneId jvmZone) {
        ZonedDateTime local = at.atZone(jvmZone);
        return local.getSecond() + " " + local.getMinute() + " " + local.getHour() + " " + local.getDayOfMonth() + " "
                + local.getMonthValue() + " ?";
    }

    /** The group whose task a failed backup is ({@code backup-group}). */
    public String group() {
        return settings.backupGroup();
    }

    /** When a failed backup's task lapses: {@code backup-task-lapse} after the failure. */
    public Date taskLapse(DelegateExecution execution) {
        Object failedAt = execution.getVariable(FAILED_AT);
        Instant from = failedAt instanceof Date date ? date.toInstant() : EngineClock.now();
        return Date.from(from.plus(settings.backupTaskLapse()));
    }
}
