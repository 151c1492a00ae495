package dev.recoveryorchestrator.inspection.backup;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.validation.annotation.Validated;

/**
 * The daily backup ({@code backup-daily}, docs/backups.md). The live file is {@code recovery.target.database-file},
 * the folder {@code recovery.target.backup-dir}, the models {@code recovery.target.model-dir}.
 *
 * @param backupCron when the backup runs, six fields with seconds first ({@code 0 0 2 * * *}: 02:00 every day), read
 *     in {@code recovery.time-zone} whatever the JVM's zone ({@link BackupSchedule})
 * @param backupRetention backups whose day is more than this many whole days before today are deleted, except the
 *     newest verified one; only files named {@code routing_db_YYYYMMDD.accdb} (and their {@code .sha256})
 * @param backupAttempts copies tried when the live file changes while it is copied
 * @param backupLimit bound of the backup step's file work inside its job (copies, verification, checksum); at most
 *     {@code recovery.commands.inline-limit} (checked at start). An Access file is at most 2 GB
 * @param manifestLimit bound of writing the model versions' manifests, also at most the inline limit
 * @param backupGroup the group whose task a failed backup is
 * @param backupTaskLapse a failure task not completed within this lapses (the instance ends, noted in its history)
 */
@Validated
@ConfigurationProperties("recovery.inspection")
public record DailyBackupSettings(
        @DefaultValue("0 0 2 * * *") @NotBlank String backupCron,
        @DefaultValue("14d") @NotNull Duration backupRetention,
        @DefaultValue("3") @Min(1) @Max(10) int backupAttempts,
        @DefaultValue("PT1M") @NotNull Duration backupLimit,
        @DefaultValue("PT1M") @NotNull Duration manifestLimit,
        @DefaultValue("devops") @NotBlank String backupGroup,
        @DefaultValue("P3D") @NotNull Duration backupTaskLapse) {

    public DailyBackupSettings {
        if (backupCron != null && !backupCron.isBlank() && !CronExpression.isValidExpression(backupCron)) {
            throw new IllegalArgumentException("recovery.inspection.backup-cron is not a cron expression with six fields"
                    + " (second minute hour day month weekday): '" + backupCron + "'");
        }
        if (backupRetention != null && backupRetention.toDays() < 1) {
            throw new IllegalArgumentException("recovery.inspection.backup-retention must be at least one day, is "
                    + backupRetention);
        }
        if (backupTaskLapse != null && (backupTaskLapse.isNegative() || backupTaskLapse.isZero())) {
            throw new IllegalArgumentException("recovery.inspection.backup-task-lapse must be positive");
        }
    }

    /** The retention in whole days. */
    public long retentionDays() {
        return backupRetention.toDays();
    }
}
