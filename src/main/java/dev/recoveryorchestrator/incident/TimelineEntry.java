package dev.recoveryorchestrator.incident;

import java.time.Instant;

/** One line of an incident's timeline: what a step found or did, and when. */
public record TimelineEntry(Instant at, String step, String detail) {
}
