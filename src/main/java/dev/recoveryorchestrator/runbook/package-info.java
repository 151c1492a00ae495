/**
 * The runbook's failure types, one sub-package each: the delegates bound to the tasks of its process. The package
 * itself holds what every runbook shares: the {@code run-action} process's delegates, which run a disruptive or long
 * action (restart, rollback) as tracked background work and write its progress to the incident's timeline.
 */
package dev.recoveryorchestrator.runbook;
