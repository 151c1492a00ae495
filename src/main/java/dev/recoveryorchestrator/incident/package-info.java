/**
 * Incidents: intake (HTTP and the monitor), the one-open-incident rule kept by the database, the timeline,
 * and the delegates of the shared {@code incident-lifecycle} process.
 */
package dev.recoveryorchestrator.incident;
