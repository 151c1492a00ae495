/**
 * Alert intake: the Prometheus Alertmanager (webhook version 4) and Grafana (contact point version 1) webhooks.
 * Every alert is stored before the answer, classified by configured label rules to a failure type, and opens one
 * incident per outage through {@link dev.recoveryorchestrator.incident.IncidentService} (the database decides
 * duplicates, whichever webhook or the monitor saw the outage first). A resolved alert only asks the incident to
 * check health itself; maintenance windows hold incidents back. Labels and annotations are data, never interpreted.
 */
package dev.recoveryorchestrator.intake;
