/**
 * The daily backup, {@code backup-daily} (docs/backups.md): its delegates and what they work on — the copy of the live
 * Access file, verified with its checksum and Jackcess, the retention of the backup folder, the checksum manifests of
 * model versions that have none, the failure task and its mail — with the catalog of the backups, the schedule the
 * model reads ({@code ${backupSchedule.cycle()}}) and its settings.
 */
package dev.recoveryorchestrator.inspection.backup;
