package dev.recoveryorchestrator.runbook.modelcorruption;

import dev.recoveryorchestrator.action.Deadline;
import dev.recoveryorchestrator.action.InlineLimit;
import dev.recoveryorchestrator.runbook.Findings;
import java.io.IOException;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_SelectModelVersion} (이전 버전 확인, {@code ls -lt deliverables/models/ | head -5}): the newest dated
 * version whose files verify against its manifests and that is within {@code max-version-age} becomes
 * {@code modelVersion} (empty when none: the runbook retrains). The newest verified one that is older is kept as
 * {@code olderVersion}, to offer a person. With the input parameter {@code ignoreMaxAge} = {@code true} the age is
 * not asked (the RTO fallback's "previous version even if older").
 */
@Component("selectModelVersionDelegate")
class SelectModelVersionDelegate implements JavaDelegate {

    static final String STEP = "이전 버전 확인";
    private final ModelVersionChoice choice;
    private final InlineLimit limit;
    private final Findings findings;

    SelectModelVersionDelegate(ModelVersionChoice choice, InlineLimit limit, Findings findings) {
        this.choice = choice;
        this.limit = limit;
        this.findings = findings;
    }

    @Override
    public void execute(DelegateExecution execution) throws IOException {
        boolean ignoreMaxAge = Boolean.parseBoolean(String.valueOf(execution.getVariableLocal("ignoreMaxAge")));
        ModelVersionChoice.Chosen chosen = choice.choose(Deadline.after(limit.limit()));
        Optional<String> version = ignoreMaxAge ? chosen.newestVerified() : chosen.recent();
        ModelCorruptionVariables.modelVersion(execution, version.orElse(""));
        ModelCorruptionVariables.olderVersion(execution, chosen.older().orElse(""));
        findings.record(execution, STEP, STEP + ": " + chosen.summary() + " → " + version.map(name -> name + " 사용")
                .orElse(chosen.older().map(older -> "보존 기한 안의 검증된 버전 없음 (더 오래된 " + older + "는 사람의 승인 필요), 재학습")
                        .orElse("검증된 버전 없음, 재학습")));
    }
}
