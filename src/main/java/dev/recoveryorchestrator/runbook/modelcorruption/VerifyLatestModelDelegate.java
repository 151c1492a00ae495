package dev.recoveryorchestrator.runbook.modelcorruption;

import dev.recoveryorchestrator.action.ActionCatalog;
import dev.recoveryorchestrator.action.ActionResult;
import dev.recoveryorchestrator.action.Deadline;
import dev.recoveryorchestrator.action.InlineLimit;
import dev.recoveryorchestrator.runbook.Findings;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_VerifyLatestModel} (파일 무결성 확인, {@code md5sum deliverables/models/latest/model.pkl}):
 * {@code latest/} against its manifests (md5 and sha-256), zero-size and truncated files, and the configured load
 * check ({@code recovery.runbook.model-corruption.load-check-action}). A load check that is not configured is a
 * finding, not a pass. Sets {@code latestDamaged}: the file itself shows damage (a digest, the size, the framing or
 * the load check). {@code latest/} without manifests is a finding but no damage by itself: nothing says what it
 * should be.
 */
@Component("verifyLatestModelDelegate")
class VerifyLatestModelDelegate implements JavaDelegate {

    static final String STEP = "파일 무결성 확인";
    private final ModelVersions versions;
    private final ActionCatalog actions;
    private final InlineLimit limit;
    private final Findings findings;

    VerifyLatestModelDelegate(ModelVersions versions, ActionCatalog actions, InlineLimit limit, Findings findings) {
        this.versions = versions;
        this.actions = actions;
        this.limit = limit;
        this.findings = findings;
    }

    @Override
    public void execute(DelegateExecution execution) {
        if (versions.root().isEmpty()) {
            findings.record(execution, STEP, STEP + ": recovery.target.model-dir 미설정");
            ModelCorruptionVariables.latestDamaged(execution, false);
            return;
        }
        ModelVersions.Check check = versions.verify(versions.latest(), Deadline.after(limit.limit()));
        boolean damaged = !check.problems().isEmpty();
        findings.record(execution, STEP, STEP + ": " + check.summary());
        String action = versions.settings().loadCheckAction();
        if (!actions.has(action)) {
            findings.record(execution, STEP, STEP + ": 로드 확인 미설정 (recovery.actions." + action + "), 로드 여부 모름");
        } else {
            ActionResult loaded = actions.run(action);
            damaged |= !loaded.succeeded();
            findings.record(execution, STEP, STEP + ": 로드 확인 " + (loaded.succeeded() ? "성공" : "실패") + " - "
                    + loaded.summary());
        }
        ModelCorruptionVariables.latestDamaged(execution, damaged);
    }
}
