package dev.recoveryorchestrator.inspection.backup;

import dev.recoveryorchestrator.config.EngineClock;
import dev.recoveryorchestrator.config.LocalTimes;
import dev.recoveryorchestrator.notify.Audience;
import dev.recoveryorchestrator.notify.Notifier;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_MailBackupFailed} (백업 실패 알림): mail to the contacts of {@code backup-group} with the findings,
 * what to do and until when the task waits (template {@code backup-failed}; queued as a {@code notification-mail}
 * instance that retries on its own).
 */
@Component("backupFailedMailDelegate")
class BackupFailedMailDelegate implements JavaDelegate {

    private final Notifier notifier;
    private final DailyBackupSettings settings;
    private final BackupSchedule schedule;
    private final LocalTimes times;

    BackupFailedMailDelegate(Notifier notifier, DailyBackupSettings settings, BackupSchedule schedule, LocalTimes times) {
        this.notifier = notifier;
        this.settings = settings;
        this.schedule = schedule;
        this.times = times;
    }

    @Override
    public void execute(DelegateExecution execution) {
        notifier.sendWithoutIncident(Audience.tier(settings.backupGroup()), "backup-failed", Map.of(
                "findings", DailyBackupVariables.text(execution, DailyBackupVariables.FINDINGS),
                "advice", DailyBackupVariables.text(execution, DailyBackupVariables.ADVICE),
                "summary", DailyBackupVariables.text(execution, DailyBackupVariables.SUMMARY),
                "dueAt", times.minute(schedule.taskLapse(execution).toInstant()),
                "day", times.day(EngineClock.now()).toString()));
    }
}
