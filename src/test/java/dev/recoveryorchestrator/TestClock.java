package dev.recoveryorchestrator;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * Where a test's engine clock starts. By default now; the date-sensitive check ({@code mvn verify}'s
 * {@code date-*} executions, see the pom) pins it with the system property {@code recovery.test.clock}:
 * <ul>
 * <li>{@code before-midnight-utc}: today 23:59:30 UTC, when the UTC date and the Seoul date differ (08:59 the next
 * day in Seoul);</li>
 * <li>{@code after-midnight-utc}: today 00:00:30 UTC, when both dates are the same (09:00 in Seoul);</li>
 * <li>an ISO-8601 instant.</li>
 * </ul>
 * Together with the JVM's zone at UTC and at Asia/Seoul this shows a date taken in the wrong zone.
 */
public final class TestClock {

    public static final String PROPERTY = "recovery.test.clock";

    private TestClock() {
    }

    /** The instant a test starts its engine clock at, whole seconds. */
    public static Instant start() {
        String pinned = System.getProperty(PROPERTY, "");
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Instant start = switch (pinned) {
            case "" -> Instant.now();
            case "before-midnight-utc" -> today.atTime(23, 59, 30).toInstant(ZoneOffset.UTC);
            case "after-midnight-utc" -> today.atTime(0, 0, 30).toInstant(ZoneOffset.UTC);
            default -> Instant.parse(pinned);
        };
        return start.truncatedTo(ChronoUnit.SECONDS);
    }
}
