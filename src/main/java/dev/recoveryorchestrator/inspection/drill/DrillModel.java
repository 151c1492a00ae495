package dev.recoveryorchestrator.inspection.drill;

import org.springframework.stereotype.Component;

/**
 * What the drill model reads from configuration, so that it holds no duration or action name:
 * {@code ${drillModel.poll()}} (ISO-8601) and {@code ${drillModel.restoreAction()}}.
 */
@Component("drillModel")
public class DrillModel {

    private final DrillSettings settings;

    DrillModel(DrillSettings settings) {
        this.settings = settings;
    }

    /** The pause between two looks at the drill incident ({@code recovery.inspection.drill.poll-interval}). */
    public String poll() {
        return settings.pollInterval().toString();
    }

    /** The action the drill runs itself when the target is not healthy after it ({@code restore-action}). */
    public String restoreAction() {
        return settings.restoreAction();
    }
}
