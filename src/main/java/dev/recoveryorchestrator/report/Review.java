package dev.recoveryorchestrator.report;

import java.time.Instant;
import java.util.List;

/**
 * What people answered after the incident: the review (cause, prevention measures, lessons) and the documentation
 * update. Any part may be missing while not done.
 */
record Review(String cause, List<String> measures, String lessons, String reviewedBy, Instant reviewedAt,
        String docsNote, String docsUpdatedBy, Instant docsUpdatedAt) {

    static final Review NONE = new Review(null, List.of(), null, null, null, null, null, null);

    boolean reviewed() {
        return reviewedAt != null;
    }
}
