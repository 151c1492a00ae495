package dev.recoveryorchestrator.inspection;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * {@code recovery.inspection}: when the inspections run and what they hold the system to (the runbook's 정기 점검).
 * Cron expressions (Spring syntax, seconds first) are read in {@code recovery.time-zone}.
 *
 * @param weeklyCron {@code inspection-weekly}'s timer, Monday 10:00
 * @param monthlyCron {@code inspection-monthly}'s timer, the 1st at 09:00
 * @param diskUsageLimit highest acceptable use of a file system holding data, backups, logs or models, in percent
 * @param logSizeLimit largest acceptable size of the log folder
 * @param largestLogs how many of the largest log files the result lists
 * @param backupMaxAge oldest acceptable newest backup; unset: {@code recovery.rpo.target}
 * @param backupName a daily backup's file name; its one group is the day, {@code yyyyMMdd}
 * @param folders folders inspected besides the target's data, backup, log and model folders
 * @param logDir the log folder; unset: the folder of {@code recovery.target.log-file}
 * @param healthTimeout time limit of the health check
 * @param restoreLimit longest restore copy of the restore test (it runs inside a job: at most a minute or two)
 * @param backupsExamined how many backups the restore test tries, newest first, before it gives up
 * @param group who gets the tasks (failed checks, reviews)
 * @param taskDue when a task is due, from its creation
 * @param taskLapse when an unanswered task lapses (recorded as not done), from its creation
 * @param drillEnabled whether the monthly inspection runs the DR drill ({@code inspection-drill})
 * @param drillType the failure type the drill injects
 * @param drillLimit longest a drill may take before the inspection records it as not run and goes on
 */
@Validated
@ConfigurationProperties("recovery.inspection")
public record InspectionSettings(
        @DefaultValue("0 0 10 * * MON") @NotBlank String weeklyCron,
        @DefaultValue("0 0 9 1 * *") @NotBlank String monthlyCron,
        @DefaultValue("80") @Min(1) @Max(100) int diskUsageLimit,
        @DefaultValue("10GB") @NotNull DataSize logSizeLimit,
        @DefaultValue("5") @Min(1) @Max(100) int largestLogs,
        Duration backupMaxAge,
        @DefaultValue("routing_db_(\\d{8})\\.accdb") @NotNull Pattern backupName,
        @DefaultValue List<Path> folders,
        Path logDir,
        @DefaultValue("PT5S") @NotNull Duration healthTimeout,
        @DefaultValue("PT1M") @NotNull Duration restoreLimit,
        @DefaultValue("14") @Min(1) @Max(365) int backupsExamined,
        @DefaultValue("devops") @NotBlank String group,
        @DefaultValue("P2D") @NotNull Duration taskDue,
        @DefaultValue("P14D") @NotNull Duration taskLapse,
        @DefaultValue("true") boolean drillEnabled,
        @DefaultValue("backend-api-down") @NotBlank String drillType,
        @DefaultValue("PT9H") @NotNull Duration drillLimit) {

    @AssertTrue(message = "weekly-cron and monthly-cron must be cron expressions with seconds (0 0 10 * * MON)")
    public boolean isCronValid() {
        return weeklyCron == null || monthlyCron == null
                || CronExpression.isValidExpression(weeklyCron) && CronExpression.isValidExpression(monthlyCron);
    }

    @AssertTrue(message = "task-lapse must be longer than task-due, and both positive")
    public boolean isTaskTimingValid() {
        return taskDue == null || taskLapse == null
                || !taskDue.isNegative() && !taskDue.isZero() && taskLapse.compareTo(taskDue) > 0;
    }

    @AssertTrue(message = "restore-limit, health-timeout and drill-limit must be positive")
    public boolean isLimitsPositive() {
        return restoreLimit == null || healthTimeout == null || drillLimit == null
                || !restoreLimit.isNegative() && !restoreLimit.isZero() && !healthTimeout.isNegative()
                && !healthTimeout.isZero() && !drillLimit.isNegative() && !drillLimit.isZero();
    }
}
