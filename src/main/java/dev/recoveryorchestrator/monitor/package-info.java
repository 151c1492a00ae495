/**
 * Detection: the configured checks ({@code recovery.monitor.checks}), one per symptom of the runbook's failure
 * types, run in rounds; a round that shows several symptoms opens one incident, of the type first in
 * {@code recovery.monitor.order}, with the other symptoms in its timeline.
 */
package dev.recoveryorchestrator.monitor;
