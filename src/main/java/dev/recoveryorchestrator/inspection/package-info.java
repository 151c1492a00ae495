/**
 * Inspections that keep the RTO and RPO true between incidents (issue 11). The DR drill (훈련): process
 * {@code inspection-drill} injects a failure for real into the stand-in or a target configured as staging — never
 * production — inside a maintenance window, lets the type's runbook recover it as a drill incident, measures the
 * recovery time achieved against the RTO target and keeps the result ({@code ro_drill}, {@link
 * dev.recoveryorchestrator.inspection.DrillResults}).
 */
package dev.recoveryorchestrator.inspection;
