/**
 * Keeping the RTO and RPO true between incidents: the daily backup the RPO rests on ({@code backup-daily}: copy,
 * verify, checksum, retention, model manifests), and the weekly and monthly inspections, restore tests and drills.
 * Works on files through {@code action}'s helpers and tells people through {@code notify}; no incident is involved.
 */
package dev.recoveryorchestrator.inspection;
