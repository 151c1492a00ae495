/**
 * What the runbook does to the protected system: configured commands run as argument lists with an explicit
 * environment, stop steps that wait for processes to end, the health probe, port and log checks, and tracked
 * background work ({@link dev.recoveryorchestrator.action.BackgroundWork}) for actions longer than a job may run
 * ({@link dev.recoveryorchestrator.action.InlineLimit}). Runbook delegates call these; nothing here knows about
 * BPMN processes.
 */
package dev.recoveryorchestrator.action;
