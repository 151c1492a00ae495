/**
 * Detection: the configured checks ({@code recovery.monitor.checks}), one per symptom of the runbook's failure
 * types, run in rounds; a round where several checks are at their thresholds opens one incident, of the type first
 * in {@code recovery.monitor.order}, with the other symptoms in its timeline. Failures that the orchestrator's own
 * running recovery actions cause ({@code disrupted-by}) are expected and open nothing. Events where they exist (the
 * target's process exiting, the docker engine's container events) count as a check firing at once; polling stays
 * the fallback.
 */
package dev.recoveryorchestrator.monitor;
