package dev.recoveryorchestrator.runbook;

import dev.recoveryorchestrator.action.WorkState;
import dev.recoveryorchestrator.incident.Actors;
import dev.recoveryorchestrator.incident.Incident;
import dev.recoveryorchestrator.incident.IncidentService;
import dev.recoveryorchestrator.incident.IncidentVariables;
import dev.recoveryorchestrator.incident.TimelineCode;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * {@code UserTask_ConfirmActionOutcome} (조치 결과 확인): the node that ran the action is gone and its outcome is
 * unknown. On create the task shows what is known and the output so far; on complete the person's answer becomes
 * the action's outcome.
 */
@Component("confirmActionTaskListener")
class ConfirmActionTaskListener implements TaskListener {

    private final IncidentService incidents;

    ConfirmActionTaskListener(IncidentService incidents) {
        this.incidents = incidents;
    }

    @Override
    public void notify(DelegateTask task) {
        String incidentId = IncidentVariables.incidentId(task);
        String step = RunActionVariables.actionStep(task);
        if (TaskListener.EVENTNAME_CREATE.equals(task.getEventName())) {
            String prefix = incidentId == null ? "" : "[" + Incident.shortId(incidentId) + "] ";
            task.setName(prefix + "조치 결과 확인: " + step);
            task.setDescription("'" + RunActionVariables.actionName(task) + "' 조치를 실행하던 노드가 멈춰 결과를 알 수 없습니다.\n"
                    + RunActionVariables.detail(task) + "\n\n지금까지의 출력:\n" + RunActionVariables.output(task)
                    + "\n\n대상 시스템을 직접 확인하고, 조치가 적용되었는지 선택하세요.");
            return;
        }
        boolean succeeded = RunActionVariables.confirmedSucceeded(task);
        RunActionVariables.outcome(task, succeeded ? WorkState.SUCCEEDED : WorkState.FAILED);
        if (incidentId != null) {
            String who = Actors.who(task, null);
            incidents.note(incidentId, step, succeeded ? TimelineCode.ACTION_CONFIRMED_APPLIED : null,
                    "조치 결과 확인: " + (succeeded ? "적용됨" : "적용되지 않음") + (who == null ? "" : " (" + who + ")"));
        }
    }
}
