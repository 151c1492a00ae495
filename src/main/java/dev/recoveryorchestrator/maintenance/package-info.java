/**
 * Maintenance windows: a declared time during which a target (optionally some failure types) is worked on on
 * purpose. Detections and alerts during a window are recorded on it and open no incident, so nobody is paged for
 * planned work; windows end by themselves at their end time. The monitor and the alert intake ask
 * {@link dev.recoveryorchestrator.maintenance.MaintenanceGate} before opening an incident.
 */
package dev.recoveryorchestrator.maintenance;
