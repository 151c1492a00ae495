package dev.recoveryorchestrator.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Durations read as a person says them: only the units that say something, never more than it was, never negative. */
class DurationsTest {

    @Test
    void underAMinuteReadsInSecondsCutOffNotRoundedUp() {
        assertThat(Durations.words(Duration.ZERO)).isEqualTo("0초");
        assertThat(Durations.words(Duration.ofMillis(999))).isEqualTo("0초");
        assertThat(Durations.words(Duration.ofSeconds(8))).isEqualTo("8초");
        assertThat(Durations.words(Duration.ofSeconds(8).plusMillis(999))).isEqualTo("8초");
        assertThat(Durations.words(Duration.ofSeconds(59))).isEqualTo("59초");
    }

    @Test
    void underAnHourReadsInMinutesAndSecondsLeavingOutNoSeconds() {
        assertThat(Durations.words(Duration.ofSeconds(60))).isEqualTo("1분");
        assertThat(Durations.words(Duration.ofSeconds(61))).isEqualTo("1분 1초");
        assertThat(Durations.words(Duration.ofSeconds(200))).isEqualTo("3분 20초");
        assertThat(Durations.words(Duration.ofMinutes(59).plusSeconds(59))).isEqualTo("59분 59초");
    }

    @Test
    void underTwoDaysReadsInHoursAndMinutesSoADayAndARpoOfOneCompare() {
        assertThat(Durations.words(Duration.ofHours(1))).isEqualTo("1시간");
        assertThat(Durations.words(Duration.ofHours(1).plusSeconds(59))).isEqualTo("1시간");
        assertThat(Durations.words(Duration.ofHours(2).plusMinutes(5))).isEqualTo("2시간 5분");
        assertThat(Durations.words(Duration.ofHours(24))).isEqualTo("24시간");
        assertThat(Durations.words(Duration.ofHours(25).plusMinutes(35))).isEqualTo("25시간 35분");
        assertThat(Durations.words(Duration.ofDays(2).minusSeconds(1))).isEqualTo("47시간 59분");
    }

    @Test
    void fromTwoDaysOnReadsInDaysAndHours() {
        assertThat(Durations.words(Duration.ofDays(2))).isEqualTo("2일");
        assertThat(Durations.words(Duration.ofDays(3).plusHours(2).plusMinutes(59))).isEqualTo("3일 2시간");
        assertThat(Durations.words(Duration.ofDays(14))).isEqualTo("14일");
    }

    @Test
    void aNegativeDurationReadsAsNone() {
        assertThat(Durations.words(Duration.ofSeconds(-8))).isEqualTo("0초");
        assertThat(Durations.words(Duration.ofMillis(-1))).isEqualTo("0초");
        assertThat(Durations.words(Duration.ofDays(-3))).isEqualTo("0초");
    }
}
