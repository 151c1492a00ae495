package dev.recoveryorchestrator.runbook.modelcorruption;

import org.springframework.stereotype.Component;

/**
 * What the Type 5 model reads from configuration: {@code ${modelCorruptionActions.retrain()}}, the tracked action
 * its 모델 재학습 step runs through {@code run-action}, and {@code ${modelCorruptionActions.install()}}, its last resort.
 */
@Component("modelCorruptionActions")
public class ModelCorruptionActions {

    private final ModelCorruptionSettings settings;

    ModelCorruptionActions(ModelCorruptionSettings settings) {
        this.settings = settings;
    }

    public String retrain() {
        return settings.retrainAction();
    }

    /** The last resort the RTO fallback runs: {@code install-previous-model} ({@link InstallPreviousModelAction}). */
    public String install() {
        return settings.installAction();
    }
}
