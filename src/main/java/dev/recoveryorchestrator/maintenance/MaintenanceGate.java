package dev.recoveryorchestrator.maintenance;

import dev.recoveryorchestrator.incident.FailureType;
import java.util.Optional;

/** What a detector asks before it opens an incident: is the target under maintenance for this type now? */
public interface MaintenanceGate {

    /** The window that covers {@code type} for our target now, if any. */
    Optional<MaintenanceWindow> covering(FailureType type);

    /**
     * Records on the window what was seen instead of opening an incident: one entry per source and subject (a
     * check's name, an alert's fingerprint) with how often and when it was last seen.
     */
    void record(MaintenanceWindow window, String source, FailureType type, String subject, String detail);

    /** No maintenance ever (for detectors built by hand in tests). */
    static MaintenanceGate none() {
        return new MaintenanceGate() {
            @Override
            public Optional<MaintenanceWindow> covering(FailureType type) {
                return Optional.empty();
            }

            @Override
            public void record(MaintenanceWindow window, String source, FailureType type, String subject, String detail) {
            }
        };
    }
}
