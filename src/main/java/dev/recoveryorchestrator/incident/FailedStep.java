package dev.recoveryorchestrator.incident;

import java.time.Instant;

/** A job of an incident's processes that failed and is waiting for a person (a Cockpit incident). */
public record FailedStep(String process, String activity, String kind, String message, Instant since) {
}
