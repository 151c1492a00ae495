package dev.recoveryorchestrator.inspection.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.recoveryorchestrator.DateSensitive;
import dev.recoveryorchestrator.config.TimeZoneSettings;
import dev.recoveryorchestrator.config.ZonedCronCalendar;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Date;
import java.util.TimeZone;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The backup's cron is read in {@code recovery.time-zone}, whatever the JVM's zone: the cycle handed to the engine is
 * resolved here by the engine's cycle calendar as this application installs it ({@link ZonedCronCalendar}) under a
 * JVM zone other than the configured one, across a month end in Asia/Seoul (no daylight saving) and across
 * Europe/Berlin's spring change.
 */
@DateSensitive
class BackupScheduleTest {

    private final TimeZone jvmZone = TimeZone.getDefault();

    @AfterEach
    void restore() {
        TimeZone.setDefault(jvmZone);
        ClockUtil.reset();
    }

    @Test
    void firesAtTwoInSeoulAcrossTheMonthEndWhateverTheJvmZone() {
        TimeZone.setDefault(TimeZone.getTimeZone("America/New_York"));
        BackupSchedule schedule = schedule("0 0 2 * * *", "Asia/Seoul");
        // 2026-11-30 19:00 in Seoul: the next 02:00 there is on December 1st, 2026-11-30T17:00Z.
        ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-11-30T10:00:00Z")));

        Date due = new ZonedCronCalendar(ZoneId.of("Asia/Seoul")).resolveDuedate(schedule.cycle(), (Date) null);

        assertThat(due.toInstant()).isEqualTo(Instant.parse("2026-11-30T17:00:00Z"));
        ClockUtil.setCurrentTime(due);
        Date following = new ZonedCronCalendar(ZoneId.of("Asia/Seoul")).resolveDuedate(schedule.cycle(), (Date) null);
        assertThat(following.toInstant()).isEqualTo(Instant.parse("2026-12-01T17:00:00Z"));
    }

    @Test
    void keepsTheLocalTimeAcrossADaylightSavingChangeOfTheConfiguredZone() {
        TimeZone.setDefault(TimeZone.getTimeZone("Asia/Seoul"));
        BackupSchedule schedule = schedule("0 0 10 * * *", "Europe/Berlin");
        Instant saturday = schedule.next(Instant.parse("2026-03-28T00:00:00Z"));
        Instant sunday = schedule.next(saturday);

        assertThat(saturday).isEqualTo(Instant.parse("2026-03-28T09:00:00Z"));
        assertThat(sunday).as("10:00 summer time").isEqualTo(Instant.parse("2026-03-29T08:00:00Z"));
        assertThat(Duration.between(saturday, sunday)).isEqualTo(Duration.ofHours(23));
        ClockUtil.setCurrentTime(Date.from(saturday));
        assertThat(new ZonedCronCalendar(ZoneId.of("Europe/Berlin")).resolveDuedate(schedule.cycle(), (Date) null)
                .toInstant()).isEqualTo(sunday);
    }

    @Test
    void aBadCronOrRetentionStopsTheStartNamingTheProperty() {
        assertThatThrownBy(() -> new DailyBackupSettings("$(id) ; id", Duration.ofDays(14), 3, Duration.ofMinutes(1),
                Duration.ofMinutes(1), "devops", Duration.ofDays(3))).hasMessageContaining("recovery.inspection.backup-cron");
        assertThatThrownBy(() -> new DailyBackupSettings("0 0 2 * * *", Duration.ofHours(5), 3, Duration.ofMinutes(1),
                Duration.ofMinutes(1), "devops", Duration.ofDays(3))).hasMessageContaining("backup-retention");
    }

    static BackupSchedule schedule(String cron, String zone) {
        return new BackupSchedule(new DailyBackupSettings(cron, Duration.ofDays(14), 3, Duration.ofMinutes(1),
                Duration.ofMinutes(1), "devops", Duration.ofDays(3)), new TimeZoneSettings(ZoneId.of(zone)));
    }
}
