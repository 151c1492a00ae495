package dev.recoveryorchestrator.runbook.modelcorruption;

import dev.recoveryorchestrator.action.Deadline;
import dev.recoveryorchestrator.action.InlineLimit;
import dev.recoveryorchestrator.runbook.Findings;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_InstallModelVersion} (백업 복사, {@code cp -r deliverables/models/v20250901/ deliverables/models/latest/}):
 * installs {@code modelVersion} into {@code latest/} ({@link ModelInstaller}: verified first, copy then rename, the
 * damaged file kept beside it). Usable on its own with any {@code modelVersion}: the version a person typed is only a
 * name that must verify. Bounded by {@code recovery.commands.inline-limit}: a copy that would take longer stops
 * (its partial temporary file removed, {@code latest/} untouched) and a person decides; the built-in tracked action
 * {@code install-previous-model} has no such bound. Sets {@code modelInstalled}.
 */
@Component("installModelVersionDelegate")
class InstallModelVersionDelegate implements JavaDelegate {

    static final String STEP = "백업 복사";
    private final ModelInstaller installer;
    private final InlineLimit limit;
    private final Findings findings;
    private final String retrainOutput;

    InstallModelVersionDelegate(ModelInstaller installer, ModelCorruptionSettings settings, InlineLimit limit,
            Findings findings) {
        this.installer = installer;
        this.retrainOutput = settings.retrainOutput();
        this.limit = limit;
        this.findings = findings;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String version = ModelCorruptionVariables.modelVersion(execution);
        try {
            ModelInstaller.Installed installed = installer.install(version, Deadline.after(limit.limit()));
            findings.record(execution, STEP, STEP + ": " + version + " → latest/ 설치, 검증 통과"
                    + (installed.asides().isEmpty() ? "" : "; 기존 파일 보관: " + String.join(", ", installed.asides())));
            ModelCorruptionVariables.recoveryMethod(execution, (version.equals(retrainOutput) ? "모델 재학습" : STEP)
                    + " (" + version + ")");
            ModelCorruptionVariables.installed(execution, true);
        } catch (ModelInstaller.NotInstalled | IllegalArgumentException e) {
            findings.record(execution, STEP, STEP + ": '" + version + "' 설치 안 함 - " + e.getMessage());
            ModelCorruptionVariables.installed(execution, false);
        }
    }
}
