package dev.recoveryorchestrator.runbook.databaseunreachable;

import dev.recoveryorchestrator.incident.IncidentService;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

/**
 * {@code UserTask_ConfirmReadOnlyOff} (읽기 전용 해제 확인): the database verified; a person confirms before saving is
 * enabled again ({@code recovery.runbook.database-unreachable.confirm-read-only-off}). {@code readOnlyOffDecision}:
 * {@code switch-off} or {@code keep} (manual recovery, read-only mode stays on and shown); sets {@code readOnlyOffConfirmed}.
 */
@Component("confirmReadOnlyOffTaskListener")
class ConfirmReadOnlyOffTaskListener extends DatabaseTaskListener {

    static final String CONFIRMED = "readOnlyOffConfirmed";

    ConfirmReadOnlyOffTaskListener(IncidentService incidents) {
        super(incidents);
    }

    @Override
    String title() {
        return "읽기 전용 해제 확인";
    }

    @Override
    String ask(DelegateTask task) {
        return "데이터베이스 검증을 통과했습니다. 읽기 전용 모드를 해제하고 서비스를 재시작할까요? 해제 후 예측 요청으로 다시 확인합니다.";
    }

    @Override
    String field() {
        return "readOnlyOffDecision";
    }

    @Override
    Map<String, Boolean> choices() {
        return Map.of("switch-off", true, "keep", false);
    }

    @Override
    String result() {
        return CONFIRMED;
    }
}
