package dev.recoveryorchestrator.inspection.backup;

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
 * The cycle is the configured cron itself: the engine reads every cron in {@code recovery.time-zone}
 * ({@link dev.recoveryorchestrator.config.ZonedCronCalendar}), not in the JVM's zone, daylight-saving changes included,
 * and re-reads the expression each time the timer fires ({@code reevaluateTimeCycleWhenDue}, set in application.yaml).
 * At start the due date is computed again ({@link BackupTimerRecalculation}) so a changed cron or zone takes effect
 * without waiting for the old firing.
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

    /** The timer's cycle: the configured cron, which the engine reads in the configured zone. */
    public String cycle() {
        return settings.backupCron();
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
