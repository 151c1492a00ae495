package dev.recoveryorchestrator.incident;

/**
 * How many incidents are open with these properties, for the metrics.
 *
 * @param tier the highest escalation tier reached; null before the first
 */
public record OpenIncidentCount(FailureType type, String tier, boolean acknowledged, boolean drill, long count) {
}
