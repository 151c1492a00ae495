package dev.recoveryorchestrator.inspection.backup;

import dev.recoveryorchestrator.action.Deadline;
import dev.recoveryorchestrator.action.InlineLimit;
import dev.recoveryorchestrator.action.ModelManifests;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_WriteModelManifests} (모델 체크섬 목록 작성): md5 and sha-256 manifests for each dated model version
 * that has none (never {@code latest/}), by Type 5's rules ({@link ModelManifests}). A version refused (its model not
 * framed as a pickle, an empty file) or a model folder that cannot be listed is a finding. Sets
 * {@code manifestsWritten}.
 */
@Component("modelManifestsDelegate")
class ModelManifestsDelegate implements JavaDelegate {

    static final String ADVICE = "체크섬 목록을 만들지 않은 모델 버전을 확인하세요 (런북 유형 5): 손상된 파일이면 옆으로 옮기고,"
            + " 정상이면 md5sum/sha256sum 으로 목록을 만드세요.";
    private final ModelManifests manifests;
    private final DailyBackupSettings settings;

    ModelManifestsDelegate(ModelManifests manifests, DailyBackupSettings settings, InlineLimit limit) {
        this.manifests = manifests;
        this.settings = settings;
        limit.require("recovery.inspection.manifest-limit", settings.manifestLimit(), "");
    }

    @Override
    public void execute(DelegateExecution execution) {
        if (!manifests.configured()) {
            execution.setVariable(DailyBackupVariables.MANIFESTS, "");
            return;
        }
        List<String> written = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        try {
            for (ModelManifests.Written version : manifests.writeMissing(Deadline.after(settings.manifestLimit()))) {
                (version.written() ? written : refused).add(version.version() + ": " + version.detail());
            }
        } catch (IOException | Deadline.Exceeded e) {
            refused.add("모델 체크섬 목록: " + e.getMessage());
        }
        execution.setVariable(DailyBackupVariables.MANIFESTS, String.join("\n", written));
        DailyBackupVariables.summarize(execution, "모델 체크섬 목록 " + written.size() + "개 작성"
                + (refused.isEmpty() ? "" : ", " + refused.size() + "개 거부"));
        DailyBackupVariables.fail(execution, refused, ADVICE);
    }
}
