package dev.recoveryorchestrator.inspection.backup;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * {@code Task_RecordTaskLapsed} (작업 기한 만료 기록): the failure task was not completed within
 * {@code backup-task-lapse}; the instance ends, and its history says so ({@code backupTaskLapsed}, the summary).
 */
@Component("backupTaskLapsedDelegate")
class BackupTaskLapsedDelegate implements JavaDelegate {

    private static final Logger log = LoggerFactory.getLogger(BackupTaskLapsedDelegate.class);

    @Override
    public void execute(DelegateExecution execution) {
        execution.setVariable(DailyBackupVariables.TASK_LAPSED, true);
        DailyBackupVariables.summarize(execution, "백업 실패 작업이 처리되지 않고 기한 만료");
        log.warn("backup-daily {}: the failed backup's task lapsed unhandled: {}", execution.getProcessInstanceId(),
                DailyBackupVariables.text(execution, DailyBackupVariables.FINDINGS).replaceAll("\\p{Cntrl}", " "));
    }
}
