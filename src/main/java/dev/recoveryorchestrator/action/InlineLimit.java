package dev.recoveryorchestrator.action;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The rule that keeps jobs inside their lock: whatever a job does inline (a diagnostic command, a health check
 * with retries) must end within {@code recovery.commands.inline-limit}, itself at most half the job lock
 * ({@code camunda.bpm.job-execution.lock-time-in-millis}). When a job outlives its lock another node, or this one,
 * runs it again. Longer work runs as tracked background work ({@link BackgroundWork}).
 * <p>
 * Settings that make a job wait are checked against it at start-up with {@link #require}; a breach stops the start
 * with a message naming the property.
 */
@Component
public class InlineLimit {

    static final String LOCK_PROPERTY = "camunda.bpm.job-execution.lock-time-in-millis";
    static final String LIMIT_PROPERTY = "recovery.commands.inline-limit";
    private final Duration limit;
    private final Duration lock;

    InlineLimit(CommandSettings settings, @Value("${" + LOCK_PROPERTY + ":300000}") long lockMillis) {
        this.limit = settings.inlineLimit();
        this.lock = Duration.ofMillis(lockMillis);
        if (lock.isNegative() || lock.isZero()) {
            throw new IllegalStateException(LOCK_PROPERTY + " must be positive, is " + lockMillis);
        }
        if (limit.isNegative() || limit.isZero() || limit.compareTo(lock.dividedBy(2)) > 0) {
            throw new IllegalStateException(LIMIT_PROPERTY + " (" + limit + ") must be positive and at most half the job lock "
                    + LOCK_PROPERTY + " (" + lock + "), so that nothing a job runs inline outlives its lock");
        }
    }

    public Duration limit() {
        return limit;
    }

    public Duration lock() {
        return lock;
    }

    /**
     * Refuses a setting whose worst case would keep a job past the limit.
     *
     * @param property the property to change, named in the message ({@code recovery.actions.x.timeout})
     * @param worstCase the longest the job can take with this setting
     * @param advice what else can be done, appended to the message (may be empty)
     * @throws IllegalStateException naming the property, the worst case and the limit
     */
    public void require(String property, Duration worstCase, String advice) {
        if (worstCase.compareTo(limit) > 0) {
            throw new IllegalStateException(property + ": a job could run for " + worstCase + " with this setting, longer than "
                    + LIMIT_PROPERTY + " (" + limit + ", at most half of the job lock " + LOCK_PROPERTY + " = " + lock
                    + "); past its lock a job is run again by another node." + (advice.isBlank() ? "" : " " + advice));
        }
    }

    /** The worst case of a check tried {@code attempts} times, each taking up to {@code timeout}, {@code interval} apart. */
    public static Duration retried(int attempts, Duration timeout, Duration interval) {
        return timeout.plus(interval).multipliedBy(Math.max(attempts, 0));
    }
}
