/**
 * Keeping the RTO and RPO true between incidents: the daily backup the RPO rests on ({@code backup-daily}: copy,
 * verify, checksum, retention, model manifests); {@code inspection-weekly} (health, disk usage, the newest backup, log
 * sizes) and {@code inspection-monthly} (a backup restore test, the DR drill, the contact list and runbook reviews),
 * each check recorded with the machine's figures ({@link dev.recoveryorchestrator.inspection.InspectionResults}); and
 * {@code /api/inspections} for the latest results, the RTO and RPO trends and starting an inspection now.
 * The DR drill (훈련): process {@code inspection-drill} injects a failure for real into the stand-in or a target
 * configured as staging — never production — inside a maintenance window, lets the type's runbook recover it as a
 * drill incident, measures the recovery time achieved against the RTO target and keeps the result ({@code ro_drill},
 * {@link dev.recoveryorchestrator.inspection.DrillResults}).
 */
package dev.recoveryorchestrator.inspection;
