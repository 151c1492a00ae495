/**
 * Keeping the RTO and RPO true between incidents: the daily backup the RPO rests on ({@code backup-daily}: copy,
 * verify, checksum, retention, model manifests); {@code inspection-weekly} (health, disk usage, the newest backup, log
 * sizes) and {@code inspection-monthly} (a backup restore test, the DR drill, the contact list and runbook reviews),
 * each check recorded with the machine's figures ({@link dev.recoveryorchestrator.inspection.InspectionResults}); and
 * {@code /api/inspections} for the latest results, the RTO and RPO trends and starting an inspection now.
 */
package dev.recoveryorchestrator.inspection;
