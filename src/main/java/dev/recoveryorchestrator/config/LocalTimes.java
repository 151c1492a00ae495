package dev.recoveryorchestrator.config;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.springframework.stereotype.Component;

/**
 * Times as people read them: in {@code recovery.time-zone}, minutes precision ({@code 2025-09-01 03:05}). Durations
 * are {@link Durations#words}.
 */
@Component
public class LocalTimes {

    private final ZoneId zone;
    private final DateTimeFormatter minute;
    private final DateTimeFormatter clock;

    public LocalTimes(TimeZoneSettings settings) {
        this.zone = settings.timeZone();
        this.minute = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(zone);
        this.clock = DateTimeFormatter.ofPattern("HH:mm").withZone(zone);
    }

    public ZoneId zone() {
        return zone;
    }

    /** {@code yyyy-MM-dd HH:mm} in the configured zone; {@code -} for none. */
    public String minute(Instant at) {
        return at == null ? "-" : minute.format(at);
    }

    /** {@code HH:mm} in the configured zone. */
    public String clock(Instant at) {
        return clock.format(at);
    }

    /** The day in the configured zone (a report's title and file name). */
    public LocalDate day(Instant at) {
        return at.atZone(zone).toLocalDate();
    }
}
