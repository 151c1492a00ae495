/**
 * The DR drill (훈련), {@code inspection-drill}: injects a failure for real into the stand-in or a target configured as
 * staging — never production, never while a real incident is open — inside a maintenance window, lets the type's
 * runbook recover it as a drill incident, measures the recovery time achieved against the RTO target and keeps the
 * result ({@code ro_drill}, {@link dev.recoveryorchestrator.inspection.drill.DrillResults}). Also the check that the
 * monthly inspection's limit on its drill leaves a drill the time it may take ({@code DrillLimit}).
 */
package dev.recoveryorchestrator.inspection.drill;
