package dev.recoveryorchestrator.runbook.databaseunreachable;

import dev.recoveryorchestrator.config.ProcessVariables;
import dev.recoveryorchestrator.incident.IncidentService;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

/**
 * {@code UserTask_ApproveRestore} (복원 승인): the newest usable backup would lose more than the RPO target allows, so
 * a person approves the restore first (the CTO beyond the acceptable limit). Read-only mode is on meanwhile.
 * {@code restoreDecision}: {@code approve} or {@code reject}; sets {@code restoreApproved}.
 */
@Component("approveRestoreTaskListener")
class ApproveRestoreTaskListener extends DatabaseTaskListener {

    ApproveRestoreTaskListener(IncidentService incidents) {
        super(incidents);
    }

    @Override
    String title() {
        return "복원 승인";
    }

    @Override
    String ask(DelegateTask task) {
        return "백업 " + ProcessVariables.text(task, DatabaseUnreachableVariables.BACKUP_FILE)
                + " 으로 복원하면 데이터 손실 구간이 "
                + ProcessVariables.text(task, DatabaseUnreachableVariables.DATA_LOSS_WINDOW)
                + " 입니다 (RPO: " + ProcessVariables.text(task, DatabaseUnreachableVariables.RPO_TIER)
                + "). 서비스는 읽기 전용 모드로 동작 중입니다. 복원을 승인하거나 거절(수동 복구)하세요. 손상된 파일은 삭제되지 않고 보관됩니다.";
    }

    @Override
    String field() {
        return "restoreDecision";
    }

    @Override
    Map<String, Boolean> choices() {
        return Map.of("approve", true, "reject", false);
    }

    @Override
    String result() {
        return DatabaseUnreachableVariables.RESTORE_APPROVED;
    }
}
