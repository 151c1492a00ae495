/**
 * The monthly inspection, {@code inspection-monthly} (정기 점검 - 월간): the backup restore test's step (the test is the
 * shared {@link dev.recoveryorchestrator.inspection.RestoreTest}, whose results the API's RPO trend reads) and the
 * reviews people do — the contact list, whose changes reach the identity store, and the runbook documents. Its call of
 * the DR drill is {@code inspection-drill}, in {@code inspection.drill}.
 */
package dev.recoveryorchestrator.inspection.monthly;
