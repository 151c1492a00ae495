/** Type 1, Backend API 서버 다운: the delegates of {@code runbook-backend-api-down}. */
package dev.recoveryorchestrator.runbook.backendapidown;
