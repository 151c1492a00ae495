package dev.recoveryorchestrator.runbook.modelcorruption;

import dev.recoveryorchestrator.action.ActionCatalog;
import dev.recoveryorchestrator.action.ActionResult;
import dev.recoveryorchestrator.action.Deadline;
import dev.recoveryorchestrator.action.InlineLimit;
import dev.recoveryorchestrator.runbook.Findings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_VerifyRetrainedModel} (재학습 모델 검증): the retrain ({@code run-action}) succeeded, its output
 * ({@code retrain-output}) has a model file framed as a pickle, and the configured load check of it
 * ({@code retrain-load-check-action}) passes; a load check that is not configured leaves the decision to a person.
 * Then, and only then, the output gets fresh manifests (manifests an earlier retrain left are kept aside), because
 * the orchestrator has just seen the file produced and loaded. Sets {@code retrainVerified} and, when verified,
 * {@code modelVersion}.
 */
@Component("verifyRetrainedModelDelegate")
class VerifyRetrainedModelDelegate implements JavaDelegate {

    static final String STEP = "재학습 모델 검증";
    private final ModelVersions versions;
    private final ActionCatalog actions;
    private final InlineLimit limit;
    private final Findings findings;

    VerifyRetrainedModelDelegate(ModelVersions versions, ActionCatalog actions, InlineLimit limit, Findings findings) {
        this.versions = versions;
        this.actions = actions;
        this.limit = limit;
        this.findings = findings;
    }

    @Override
    public void execute(DelegateExecution execution) throws IOException {
        Optional<String> problem = problem(execution);
        if (problem.isPresent()) {
            findings.record(execution, STEP, STEP + ": " + problem.get() + ", 설치하지 않음");
            ModelCorruptionVariables.retrainVerified(execution, false);
            return;
        }
        String output = versions.settings().retrainOutput();
        Path folder = versions.folder(output);
        keepManifestsAside(folder);
        Optional<String> written = versions.writeManifestIfMissing(folder, Deadline.after(limit.limit()));
        findings.record(execution, STEP, STEP + ": " + output + " 로드 확인 통과" + written.map(note -> ", " + note).orElse(""));
        ModelCorruptionVariables.modelVersion(execution, output);
        ModelCorruptionVariables.retrainVerified(execution, true);
    }

    private Optional<String> problem(DelegateExecution execution) {
        if (!Boolean.TRUE.equals(execution.getVariable("actionSucceeded"))) {
            return Optional.of("재학습 실패 (" + execution.getVariable("actionOutcome") + ")");
        }
        if (versions.root().isEmpty()) {
            return Optional.of("recovery.target.model-dir 미설정");
        }
        Path model = versions.modelFile(versions.folder(versions.settings().retrainOutput()));
        if (!Files.isRegularFile(model)) {
            return Optional.of(versions.settings().retrainOutput() + "/" + versions.settings().modelFile() + " 없음");
        }
        Optional<String> framing = PickleFraming.problem(model);
        if (framing.isPresent()) {
            return Optional.of(versions.settings().modelFile() + ": " + framing.get());
        }
        String action = versions.settings().retrainLoadCheckAction();
        if (!actions.has(action)) {
            return Optional.of("로드 확인 미설정 (recovery.actions." + action + ")");
        }
        ActionResult loaded = actions.run(action);
        return loaded.succeeded() ? Optional.empty() : Optional.of("로드 확인 실패 - " + loaded.summary());
    }

    private void keepManifestsAside(Path folder) throws IOException {
        String suffix = versions.asideSuffix(ModelVersions.REPLACED);
        for (String name : new String[] {versions.settings().md5Manifest(), versions.settings().sha256Manifest()}) {
            Path manifest = folder.resolve(name);
            if (Files.exists(manifest)) {
                Files.move(manifest, folder.resolve(name + suffix), StandardCopyOption.ATOMIC_MOVE);
            }
        }
    }
}
