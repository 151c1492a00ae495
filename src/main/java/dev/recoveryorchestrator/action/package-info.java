/**
 * What the runbook does to the protected system: configured commands run as argument lists, the health
 * probe, port and log checks. Runbook delegates call these; nothing here knows about processes.
 */
package dev.recoveryorchestrator.action;
