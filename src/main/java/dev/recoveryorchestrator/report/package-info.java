/**
 * After recovery: the post-incident review (사후 검토: cause, prevention measures, lessons) and the documentation update
 * (문서 업데이트) as tasks of the {@code incident-review} process, and the post-incident report (사후 보고서) written from
 * the incident's timeline, checklist and review in the runbook's template — stored in our own tables and as files in
 * {@code recovery.reports-dir}, mailed to the tiers involved, served at {@code GET /api/incidents/{id}/report}.
 */
package dev.recoveryorchestrator.report;
