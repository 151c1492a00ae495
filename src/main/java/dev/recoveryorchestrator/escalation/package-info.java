/**
 * Escalation: tiers and contacts from configuration, the timers of the lifecycle, the tier tasks and their
 * mail, the RTO breaches, and the groups and users that see the tasks.
 */
package dev.recoveryorchestrator.escalation;
