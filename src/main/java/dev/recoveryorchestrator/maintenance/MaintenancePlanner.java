package dev.recoveryorchestrator.maintenance;

import dev.recoveryorchestrator.incident.FailureType;
import java.time.Instant;
import java.util.List;

/**
 * What the orchestrator's own work (a DR drill) uses to put the target under maintenance while it breaks something on
 * purpose: the monitor and the alert intake then record what they see on the window instead of opening an incident.
 */
public interface MaintenancePlanner {

    /**
     * Declares a window for our target from now until {@code endsAt} (it ends by itself then), for {@code types} (empty:
     * every type).
     */
    MaintenanceWindow declare(List<FailureType> types, Instant endsAt, String reason, String createdBy);

    /** Ends the window now, when it has not ended already; an unknown id changes nothing. */
    boolean endNow(String windowId);

    /** The window, when it exists. */
    java.util.Optional<MaintenanceWindow> find(String windowId);

    /** Windows planned or in force now, soonest first (the public status page). */
    List<MaintenanceWindow> upcoming();
}
