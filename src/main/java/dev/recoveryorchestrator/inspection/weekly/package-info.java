/**
 * The weekly inspection, {@code inspection-weekly} (정기 점검 - 주간): the delegates of its check steps — health, disk
 * usage, the newest backup, log sizes and the runbooks' preflight — each run through the shared
 * {@link dev.recoveryorchestrator.inspection.InspectionSteps}; the checks themselves are the shared
 * {@link dev.recoveryorchestrator.inspection.WeeklyChecks}, whose RPO limit the monthly restore test uses too.
 */
package dev.recoveryorchestrator.inspection.weekly;
