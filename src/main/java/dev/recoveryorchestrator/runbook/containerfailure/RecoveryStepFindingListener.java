package dev.recoveryorchestrator.runbook.containerfailure;

import dev.recoveryorchestrator.incident.IncidentVariables;
import dev.recoveryorchestrator.runbook.RunbookVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * After {@code run-action} returns to one of Type 4's recovery steps (정리, 재빌드 및 시작, 최근 정상 버전으로 재빌드): its
 * outcome joins the findings a person sees if the runbook hands over, and a step that succeeded becomes what
 * recovered the service should the health check then pass ({@code run-action} writes the timeline itself).
 */
@Component("containerRecoveryStepListener")
class RecoveryStepFindingListener implements ExecutionListener {

    @Override
    public void notify(DelegateExecution execution) {
        boolean succeeded = Boolean.TRUE.equals(execution.getVariable("actionSucceeded"));
        Object outcome = execution.getVariable("actionOutcome");
        RunbookVariables.addFinding(execution, execution.getCurrentActivityName() + ": " + (succeeded ? "성공" : "실패")
                + " (" + (outcome == null ? "결과 없음" : outcome) + ")");
        if (succeeded) {
            IncidentVariables.setRecoveredBy(execution, execution.getCurrentActivityName());
        }
    }
}
