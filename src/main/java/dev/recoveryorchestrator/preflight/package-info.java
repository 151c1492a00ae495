/**
 * The preflight: every prerequisite of every deployed runbook in the active profile, checked at start, on demand
 * ({@code GET /api/preflight}) and by the weekly inspection, before the outage that needs it. A gap is a warning
 * with what to do; only a runbook that would do the wrong thing refuses the start ({@code config.StartupGuard}).
 */
package dev.recoveryorchestrator.preflight;
