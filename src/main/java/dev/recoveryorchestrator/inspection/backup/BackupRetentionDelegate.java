package dev.recoveryorchestrator.inspection.backup;

import dev.recoveryorchestrator.config.EngineClock;
import java.io.IOException;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_ApplyRetention} (보관 기간 정리): after a verified backup only, the backups older than
 * {@code backup-retention} go, the newest verified one stays ({@link DailyBackups#applyRetention}). After a failed
 * backup nothing is deleted: the old backups are then all there is. Sets {@code retentionDeleted}.
 */
@Component("backupRetentionDelegate")
class BackupRetentionDelegate implements JavaDelegate {

    private final DailyBackups backups;

    BackupRetentionDelegate(DailyBackups backups) {
        this.backups = backups;
    }

    @Override
    public void execute(DelegateExecution execution) throws IOException {
        if (!DailyBackupVariables.verified(execution)) {
            execution.setVariable(DailyBackupVariables.RETENTION, "");
            DailyBackupVariables.summarize(execution, "보관 기간 정리 안 함 (검증된 새 백업 없음)");
            return;
        }
        DailyBackups.Retention retention = backups.applyRetention(EngineClock.now());
        execution.setVariable(DailyBackupVariables.RETENTION, String.join(", ", retention.deleted()));
        DailyBackupVariables.summarize(execution, "보관 기간 정리: " + retention.deleted().size() + "개 삭제");
        DailyBackupVariables.fail(execution, retention.problems(), "백업 폴더의 권한을 확인하세요 (오래된 백업을 지우지 못함).");
        if (!retention.problems().isEmpty()) {
            DailyBackupVariables.summarize(execution, String.join(", ", List.copyOf(retention.problems())));
        }
    }
}
