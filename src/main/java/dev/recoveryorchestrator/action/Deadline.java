package dev.recoveryorchestrator.action;

import java.time.Duration;

/**
 * A bound on file work done inside a job (checksums, copies): it is checked between blocks, so reading or copying a
 * model file of any size ends within the bound and the job within its lock.
 */
public record Deadline(long endNanos, Duration bound) {

    public static Deadline after(Duration bound) {
        return new Deadline(System.nanoTime() + bound.toNanos(), bound);
    }

    /** @throws Exceeded when the bound has passed */
    public void check(String what) {
        if (System.nanoTime() - endNanos > 0) {
            throw new Exceeded(what + ": not done within " + bound);
        }
    }

    /** File work that did not end within its bound; the caller reports it as a finding. */
    public static final class Exceeded extends RuntimeException {
        Exceeded(String message) {
            super(message);
        }
    }
}
