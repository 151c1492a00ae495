package dev.recoveryorchestrator.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.recoveryorchestrator.action.Attempts.Outcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The one retry loop: how many looks, which pauses between them (recorded, never slept), what it ends on, and that an
 * interrupted pause ends it.
 */
class AttemptsTest {

    private static final Duration INTERVAL = Duration.ofSeconds(7);
    private final List<Duration> pauses = new ArrayList<>();
    private int looks;

    @Test
    void stopsAtTheFirstSettledLookWithOnePauseBetweenTwoLooks() throws InterruptedException {
        Outcome<String> outcome = Attempts.until(5, INTERVAL, looking("down", "down", "up", "down"), "up"::equals,
                pauses::add);

        assertThat(outcome).isEqualTo(new Outcome<>("up", 3));
        assertThat(looks).isEqualTo(3);
        assertThat(pauses).containsExactly(INTERVAL, INTERVAL);
    }

    @Test
    void endsOnTheLastAllowedLookWithoutAPauseAfterIt() throws InterruptedException {
        Outcome<String> outcome = Attempts.until(3, INTERVAL, looking("down", "down", "down", "up"), "up"::equals,
                pauses::add);

        assertThat(outcome).isEqualTo(new Outcome<>("down", 3));
        assertThat(looks).isEqualTo(3);
        assertThat(pauses).hasSize(2);
    }

    @Test
    void aSettledFirstLookNeedsNoPause() throws InterruptedException {
        Outcome<String> outcome = Attempts.until(3, INTERVAL, looking("up"), "up"::equals, pauses::add);

        assertThat(outcome).isEqualTo(new Outcome<>("up", 1));
        assertThat(pauses).isEmpty();
    }

    @Test
    void oneAttemptIsOneLook() throws InterruptedException {
        Outcome<String> outcome = Attempts.until(1, INTERVAL, looking("down", "up"), "up"::equals, pauses::add);

        assertThat(outcome).isEqualTo(new Outcome<>("down", 1));
        assertThat(pauses).isEmpty();
    }

    @Test
    void anInterruptedPauseEndsTheLoopWithoutAnotherLook() {
        assertThatThrownBy(() -> Attempts.until(3, INTERVAL, looking("down", "up"), "up"::equals, interval -> {
            throw new InterruptedException("stopped");
        })).isInstanceOf(InterruptedException.class);
        assertThat(looks).isEqualTo(1);
    }

    @Test
    void sleepsThroughTheConfiguredRetryAndStopsOnInterrupt() {
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> Attempts.until(new HealthCheckSettings.Retry(2, Duration.ofMinutes(10)),
                    looking("down", "up"), "up"::equals)).isInstanceOf(InterruptedException.class);
            assertThat(looks).isEqualTo(1);
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void refusesFewerThanOneAttempt() {
        assertThatThrownBy(() -> Attempts.until(0, INTERVAL, looking("up"), "up"::equals, pauses::add))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(looks).isZero();
    }

    private java.util.function.Supplier<String> looking(String... answers) {
        Iterator<String> next = List.of(answers).iterator();
        return () -> {
            looks++;
            return next.next();
        };
    }
}
