package dev.recoveryorchestrator.runbook.modelcorruption;

import dev.recoveryorchestrator.action.HealthProbe.Answer;
import dev.recoveryorchestrator.action.HealthProbe.Health;
import dev.recoveryorchestrator.incident.FailureType;
import dev.recoveryorchestrator.incident.RecoveryCheck;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Type 5 is recovered only when, besides {@code /api/health}: {@code latest/model.pkl} is a whole pickle and the
 * configured {@code /api/predict} succeeds. A service whose model is broken still answers its health check, so without
 * this the lifecycle's health watch would call it recovered while a person is still choosing a version.
 */
@Component
class ModelRecoveryCheck implements RecoveryCheck {

    private final ModelVersions versions;
    private final PredictProbe predict;

    ModelRecoveryCheck(ModelVersions versions, PredictProbe predict) {
        this.versions = versions;
        this.predict = predict;
    }

    @Override
    public FailureType type() {
        return FailureType.MODEL_CORRUPTION;
    }

    @Override
    public Health look() {
        Optional<String> problem = PickleFraming.problem(versions.modelFile(versions.latest()));
        if (problem.isPresent()) {
            return new Health(false, "latest 모델 파일: " + problem.get());
        }
        Answer answer = predict.ask();
        return new Health(predict.succeeded(answer), "예측 요청: " + answer.detail());
    }
}
