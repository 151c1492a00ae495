package dev.recoveryorchestrator.incident;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Where an instance's story is read in Cockpit: the audit trail view of this application's Cockpit plugin
 * ({@code webjars/camunda/app/cockpit/scripts/audit-trail.js}, docs/audit-trail.md), which shows a running and a
 * finished instance alike from the engine's history. Cockpit Community Edition's own instance page knows running
 * instances only, so a link to it stops opening when the incident ends. Every Cockpit link the application hands out
 * (mails, chat messages, task forms, {@code GET /api/incidents/{id}}) is built here.
 */
public final class AuditTrail {

    /** Cockpit of the default engine, as the webapp starter serves it. */
    public static final String COCKPIT = "/camunda/app/cockpit/default/";

    private AuditTrail() {
    }

    /** The path, from the application's root, of the audit trail view of one process instance. */
    public static String path(String processInstanceId) {
        return COCKPIT + "#/audit/process-instance/" + URLEncoder.encode(processInstanceId, StandardCharsets.UTF_8);
    }
}
