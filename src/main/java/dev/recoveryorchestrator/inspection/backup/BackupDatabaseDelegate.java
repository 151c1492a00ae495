package dev.recoveryorchestrator.inspection.backup;

import dev.recoveryorchestrator.action.InlineLimit;
import dev.recoveryorchestrator.config.EngineClock;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_BackupDatabase} (일일 백업): today's backup of the live {@code .accdb}, verified, with its checksum
 * ({@link DailyBackups}). Sets {@code backupFile}, {@code backupVerified}, {@code backupSummary}; a failure adds
 * findings and what to do. The step's file work is bounded by {@code backup-limit}, held to the inline limit at start.
 */
@Component("backupDatabaseDelegate")
class BackupDatabaseDelegate implements JavaDelegate {

    static final String ADVICE = "원본 데이터베이스가 열리는지 (런북 유형 2의 진단), 백업 폴더가 마운트되어 있고 여유 공간과 쓰기 권한이"
            + " 있는지 확인하고, 고친 뒤 Tasklist의 '프로세스 시작'에서 일일 백업을 다시 실행하세요. 이 작업을 완료하면 끝납니다.";
    private final DailyBackups backups;

    BackupDatabaseDelegate(DailyBackups backups, DailyBackupSettings settings, InlineLimit limit) {
        this.backups = backups;
        limit.require("recovery.inspection.backup-limit", settings.backupLimit(), "");
    }

    @Override
    public void execute(DelegateExecution execution) {
        DailyBackups.Outcome outcome = backups.backUp(EngineClock.now());
        execution.setVariable(DailyBackupVariables.FILE, outcome.file());
        execution.setVariable(DailyBackupVariables.VERIFIED, outcome.verified());
        execution.setVariable(DailyBackupVariables.FAILED, false);
        DailyBackupVariables.summarize(execution, outcome.summary());
        DailyBackupVariables.fail(execution, outcome.findings(), ADVICE);
    }
}
