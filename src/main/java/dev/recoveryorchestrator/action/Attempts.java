package dev.recoveryorchestrator.action;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The one bounded "look again" loop behind every retried check (a runbook's symptom confirmation, its check after a
 * recovery action, the lifecycle's verification and its check after an alert was resolved): look; while the look
 * does not settle the question and attempts remain, pause {@code interval} and look again. No pause before the
 * first look nor after the last, so the worst case stays what {@link HealthCheckLimits} holds to the job lock.
 * <p>
 * A pause that is interrupted ends the loop with {@link InterruptedException} (the interrupt consumed, as
 * {@link Thread#sleep} does): the caller's job fails and the engine retries it, rather than a check being cut short
 * and read as an answer.
 */
public final class Attempts {

    private static final Pause SLEEP = interval -> Thread.sleep(interval.toMillis());

    private Attempts() {
    }

    /**
     * Looks up to {@code retry.attempts()} times, {@code retry.interval()} apart, and stops at the first look that
     * satisfies {@code settled}.
     */
    public static <T> Outcome<T> until(HealthCheckSettings.Retry retry, Supplier<T> look, Predicate<? super T> settled)
            throws InterruptedException {
        return until(retry.attempts(), retry.interval(), look, settled, SLEEP);
    }

    static <T> Outcome<T> until(int attempts, Duration interval, Supplier<T> look, Predicate<? super T> settled,
            Pause pause) throws InterruptedException {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1, not " + attempts);
        }
        T seen = look.get();
        int attempt = 1;
        while (!settled.test(seen) && attempt < attempts) {
            pause.pause(interval);
            attempt++;
            seen = look.get();
        }
        return new Outcome<>(seen, attempt);
    }

    /**
     * What the loop ended on.
     *
     * @param last what the last look saw: the one that settled the question, or the last allowed
     * @param attempt which look that was, from 1
     */
    public record Outcome<T>(T last, int attempt) {
    }

    /** How the loop waits between two looks; {@link Thread#sleep} outside tests. */
    @FunctionalInterface
    interface Pause {
        void pause(Duration interval) throws InterruptedException;
    }
}
