package dev.recoveryorchestrator.runbook.modelcorruption;

import dev.recoveryorchestrator.action.HealthProbe;
import dev.recoveryorchestrator.action.HealthProbe.Answer;
import dev.recoveryorchestrator.action.TargetSettings;
import org.springframework.stereotype.Component;

/**
 * The configured {@code /api/predict} request ({@code recovery.runbook.model-corruption.predict}), resolved against
 * the health URL: whether it answers the symptom ({@code Model not found}) and whether it succeeds.
 */
@Component
class PredictProbe {

    private final HealthProbe probe;
    private final TargetSettings target;
    private final ModelCorruptionSettings settings;

    PredictProbe(HealthProbe probe, TargetSettings target, ModelCorruptionSettings settings) {
        this.probe = probe;
        this.target = target;
        this.settings = settings;
    }

    Answer ask() {
        ModelCorruptionSettings.Predict predict = settings.predict();
        return probe.request(target.healthUrl().resolve(predict.path()), predict.method(), predict.headers(),
                predict.body(), predict.timeout());
    }

    /** The answer or the log line shows the symptom: one of the configured patterns, as plain text. */
    boolean symptom(String text) {
        return settings.symptomPatterns().stream().anyMatch(text::contains);
    }

    /** Predict works: a 2xx answer without the symptom. */
    boolean succeeded(Answer answer) {
        return answer.status() >= 200 && answer.status() < 300 && !symptom(answer.body());
    }
}
