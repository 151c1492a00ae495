package dev.recoveryorchestrator.inspection.drill;

import dev.recoveryorchestrator.incident.ObjectiveSettings;
import dev.recoveryorchestrator.inspection.InspectionSettings;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * Refuses the start when the monthly inspection's limit on its drill ({@code recovery.inspection.drill-limit}) is not
 * longer than a drill may take (its incident's RTO acceptable limit, the window's grace and one poll): the inspection
 * would otherwise cut a drill off while its incident is open and its target still broken.
 */
@Component
class DrillLimit {

    DrillLimit(InspectionSettings inspection, DrillSettings drill, ObjectiveSettings objectives) {
        Duration longest = objectives.rto().acceptable().plus(drill.windowGrace()).plus(drill.pollInterval());
        if (inspection.drillLimit().compareTo(longest) <= 0) {
            throw new IllegalStateException("recovery.inspection.drill-limit (" + inspection.drillLimit() + ") must be "
                    + "longer than a drill may take: recovery.rto.acceptable + recovery.inspection.drill.window-grace + "
                    + "recovery.inspection.drill.poll-interval (" + longest + ")");
        }
    }
}
