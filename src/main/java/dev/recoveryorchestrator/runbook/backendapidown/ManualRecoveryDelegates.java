package dev.recoveryorchestrator.runbook.backendapidown;

import dev.recoveryorchestrator.incident.Incident;
import dev.recoveryorchestrator.incident.IncidentService;
import dev.recoveryorchestrator.incident.IncidentVariables;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code UserTask_ManualRecovery} (수동 복구): automatic recovery failed; the DevOps engineer sees what the
 * diagnosis found and chooses: restart again, roll back, or resolved by hand.
 */
@Configuration
class ManualRecoveryDelegates {

    /** On create: the task shows the findings. On complete: the choice goes to the timeline. */
    @Bean
    TaskListener manualRecoveryTaskListener(IncidentService incidents) {
        return task -> {
            String incidentId = IncidentVariables.incidentId(task);
            if (TaskListener.EVENTNAME_CREATE.equals(task.getEventName())) {
                task.setName("[" + Incident.shortId(incidentId) + "] 수동 복구: Backend API 서버 다운");
                task.setDescription("자동 복구에 실패했습니다. 진단 결과:\n" + BackendApiDownVariables.findings(task)
                        + "\n\n다시 재시작, 롤백(안정 버전), 또는 수동 해결 완료 중에서 선택하세요.");
                incidents.note(incidentId, "수동 복구", "자동 복구 실패, DevOps 수동 복구 작업 생성");
                return;
            }
            String decision = BackendApiDownVariables.decision(task);
            incidents.note(incidentId, "수동 복구", "선택: " + decision + (task.getAssignee() == null ? "" : " (" + task.getAssignee() + ")"));
            if ("resolved".equals(decision)) {
                IncidentVariables.setRecoveredBy(task, "수동 해결 (" + (task.getAssignee() == null ? "DevOps" : task.getAssignee()) + ")");
            }
        };
    }
}
