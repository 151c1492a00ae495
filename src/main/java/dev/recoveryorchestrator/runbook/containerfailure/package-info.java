/**
 * Type 4 [Docker 컨테이너 오류]: the compose project's containers, their logs, who holds the target's ports and the
 * volumes (diagnosis); the port conflict, whose holder is stopped only on a person's approval; then {@code docker
 * compose down}, the project's leftover containers removed by label, a rebuild without cache and {@code up -d} as
 * tracked background work, the volumes checked and a health check. One delegate per task of
 * {@code bpmn/runbook-container-failure.bpmn}; the commands are the {@code container-*} and {@code compose-*} actions.
 */
package dev.recoveryorchestrator.runbook.containerfailure;
