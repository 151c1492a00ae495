/**
 * Keeping the RTO and RPO true between incidents, with one sub-package per process, as {@code runbook} has one per
 * failure type: {@code backup} (the daily backup the RPO rests on, {@code backup-daily}), {@code weekly}
 * ({@code inspection-weekly}: health, disk usage, the newest backup, log sizes, preflight), {@code monthly}
 * ({@code inspection-monthly}: a backup restore test, the DR drill, the contact list and runbook reviews) and
 * {@code drill} (the DR drill, {@code inspection-drill}).
 * <p>
 * Here is what they share, and it depends on none of them: each check recorded with the machine's figures
 * ({@link dev.recoveryorchestrator.inspection.InspectionResults}, {@link dev.recoveryorchestrator.inspection.CheckResult})
 * through one step runner, the inspection models' settings ({@code ${inspection.…}}), start and report, the finding
 * and lapse tasks, the weekly checks and the restore test (both inspections and the API use them), who may start the
 * four processes by hand, and {@code /api/inspections} for the latest results, the RTO and RPO trends and starting an
 * inspection now.
 */
package dev.recoveryorchestrator.inspection;
