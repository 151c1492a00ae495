/**
 * The runbooks. This package holds what every runbook shares — running a named action, tracked background work
 * ({@code run-action}), the health check, findings, symptom confirmation and triage, capped automatic attempts, the
 * manual-recovery task, the outcome on end events (the runbook contract, docs/architecture.md) — and one sub-package per failure
 * type holds only that type's own steps.
 */
package dev.recoveryorchestrator.runbook;
