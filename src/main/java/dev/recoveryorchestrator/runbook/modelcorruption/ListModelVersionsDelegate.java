package dev.recoveryorchestrator.runbook.modelcorruption;

import dev.recoveryorchestrator.action.Deadline;
import dev.recoveryorchestrator.action.InlineLimit;
import dev.recoveryorchestrator.runbook.Findings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_ListModelVersions} (모델 파일 확인, {@code ls -lh deliverables/models/}): the versions present, their
 * model file's size and age; a dated version without manifests gets them here when it may be trusted
 * ({@link ModelVersions#writeManifestIfMissing}). Bounded by {@code recovery.commands.inline-limit}.
 */
@Component("listModelVersionsDelegate")
class ListModelVersionsDelegate implements JavaDelegate {

    static final String STEP = "모델 파일 확인";
    private final ModelVersions versions;
    private final InlineLimit limit;
    private final Findings findings;

    ListModelVersionsDelegate(ModelVersions versions, InlineLimit limit, Findings findings) {
        this.versions = versions;
        this.limit = limit;
        this.findings = findings;
    }

    @Override
    public void execute(DelegateExecution execution) throws IOException {
        if (versions.root().isEmpty()) {
            findings.record(execution, STEP, STEP + ": recovery.target.model-dir 미설정");
            return;
        }
        Deadline deadline = Deadline.after(limit.limit());
        List<String> lines = new ArrayList<>();
        lines.add(describe(versions.latest()));
        List<String> written = new ArrayList<>();
        for (ModelVersions.Version version : versions.dated()) {
            Path folder = versions.folder(version.name());
            try {
                versions.writeManifestIfMissing(folder, deadline).ifPresent(note -> written.add(version.name() + ": " + note));
            } catch (Deadline.Exceeded | IOException e) {
                written.add(version.name() + ": 체크섬 목록 작성 실패 (" + e.getMessage() + ")");
            }
            lines.add(describe(folder) + (versions.recentEnough(version) ? "" : " (보존 기한 " + versions.settings()
                    .maxVersionAge().toDays() + "일 지남)"));
        }
        findings.record(execution, STEP, STEP + ": " + String.join("; ", lines));
        for (String note : written) {
            findings.record(execution, STEP, STEP + ": " + note);
        }
    }

    private String describe(Path version) {
        Path model = versions.modelFile(version);
        String name = version.getFileName() + "/";
        try {
            if (!Files.isDirectory(version)) {
                return name + " 없음";
            }
            if (!Files.isRegularFile(model)) {
                return name + " " + versions.settings().modelFile() + " 없음";
            }
            return name + " " + versions.settings().modelFile() + " " + Files.size(model) + " bytes, "
                    + Files.getLastModifiedTime(model).toInstant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        } catch (IOException e) {
            return name + " 읽기 실패 (" + e.getClass().getSimpleName() + ")";
        }
    }
}
