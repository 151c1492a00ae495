package dev.recoveryorchestrator.maintenance;

import dev.recoveryorchestrator.incident.FailureType;
import java.time.Instant;
import java.util.List;

/**
 * A declared maintenance window.
 *
 * @param types the failure types it covers; empty means every type
 * @param endedBy who ended it early ({@code DELETE /api/maintenance/{id}}); null when it ends by itself
 * @param endedAt when it was ended early
 */
public record MaintenanceWindow(String id, String target, List<FailureType> types, Instant startsAt, Instant endsAt,
        String reason, String createdBy, Instant createdAt, String endedBy, Instant endedAt) {

    public MaintenanceWindow(String id, String target, List<FailureType> types, Instant startsAt, Instant endsAt,
            String reason, String createdBy, Instant createdAt) {
        this(id, target, types, startsAt, endsAt, reason, createdBy, createdAt, null, null);
    }

    /** Whether a detection or alert of {@code type} at {@code at} falls in this window. */
    public boolean covers(FailureType type, Instant at) {
        return !at.isBefore(startsAt) && at.isBefore(endsAt) && (types.isEmpty() || types.contains(type));
    }

    /** {@code PLANNED}, {@code ACTIVE} or {@code ENDED} at {@code now}: a window ends by itself. */
    public String state(Instant now) {
        return now.isBefore(startsAt) ? "PLANNED" : now.isBefore(endsAt) ? "ACTIVE" : "ENDED";
    }
}
