package dev.recoveryorchestrator.runbook.backendapidown;

import dev.recoveryorchestrator.runbook.RunbookVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * After {@code run-action} returns to {@code Task_RestartBackend} or {@code Task_RollbackBackend}: its outcome joins
 * the findings a person sees if the runbook hands over. ({@code run-action} writes the timeline itself.)
 */
@Component("recoveryActionFindingListener")
class RecoveryActionFindingListener implements ExecutionListener {

    @Override
    public void notify(DelegateExecution execution) {
        Object outcome = execution.getVariable("actionOutcome");
        RunbookVariables.addFinding(execution, execution.getCurrentActivityName() + ": "
                + (Boolean.TRUE.equals(execution.getVariable("actionSucceeded")) ? "성공" : "실패")
                + " (" + (outcome == null ? "결과 없음" : outcome) + ")");
    }
}
