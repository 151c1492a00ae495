package dev.recoveryorchestrator.config;

import java.time.Duration;

/**
 * A duration as a person reads it, in Korean: the one way mails, reports, timelines, task descriptions and the API's
 * {@code inWords} write one, so an 8 s outage reads {@code 8초} and not {@code 0시간 0분}. Only the units that say
 * something are written, largest first:
 * <ul>
 * <li>under a minute: seconds ({@code 8초}, {@code 0초});</li>
 * <li>under an hour: minutes and seconds ({@code 3분 20초}; {@code 3분} when the seconds are 0);</li>
 * <li>under two days: hours and minutes ({@code 2시간 5분}, {@code 25시간 35분}; {@code 1시간}), so that the RPO of
 * 24 hours and a backup a little older than it read in the same unit;</li>
 * <li>from two days on: days and hours ({@code 3일 2시간}; {@code 14일}).</li>
 * </ul>
 * What is below the last unit written is cut off, never rounded up (a duration never reads longer than it was), and
 * a negative duration reads as none ({@code 0초}). The task form's live clock ({@code taskform/task-form.js}) follows
 * the same rule in the browser.
 */
public final class Durations {

    private static final long MINUTE = 60;
    private static final long HOUR = 60 * MINUTE;
    private static final long DAY = 24 * HOUR;

    private Durations() {
    }

    /** {@code duration} in words: {@code 8초}, {@code 3분 20초}, {@code 2시간 5분}, {@code 3일 2시간}. */
    public static String words(Duration duration) {
        long seconds = duration.isNegative() ? 0 : duration.getSeconds();
        if (seconds < MINUTE) {
            return seconds + "초";
        }
        if (seconds < HOUR) {
            return both(seconds / MINUTE, "분", seconds % MINUTE, "초");
        }
        if (seconds < 2 * DAY) {
            return both(seconds / HOUR, "시간", seconds % HOUR / MINUTE, "분");
        }
        return both(seconds / DAY, "일", seconds % DAY / HOUR, "시간");
    }

    private static String both(long large, String largeUnit, long small, String smallUnit) {
        return small == 0 ? large + largeUnit : large + largeUnit + " " + small + smallUnit;
    }
}
