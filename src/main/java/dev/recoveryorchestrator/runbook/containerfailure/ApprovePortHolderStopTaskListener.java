package dev.recoveryorchestrator.runbook.containerfailure;

import dev.recoveryorchestrator.incident.Actors;
import dev.recoveryorchestrator.incident.Incident;
import dev.recoveryorchestrator.incident.IncidentService;
import dev.recoveryorchestrator.incident.IncidentVariables;
import dev.recoveryorchestrator.runbook.RunbookVariables;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.springframework.stereotype.Component;

/**
 * {@code UserTask_ApproveStop} (포트 점유 프로세스 중지 승인): a process that is not the service holds one of the
 * target's ports. On create the task shows its pid, command line and owner and the findings; nothing is stopped
 * before a person answers. On complete the answer ({@code stopDecision}: {@code approve} or {@code refuse}) and who
 * gave it go to the timeline; the stop step then checks again that the same process still holds the port.
 */
@Component("approvePortHolderStopTaskListener")
class ApprovePortHolderStopTaskListener implements TaskListener {

    static final String DECISION = "stopDecision";
    private final IncidentService incidents;

    ApprovePortHolderStopTaskListener(IncidentService incidents) {
        this.incidents = incidents;
    }

    @Override
    public void notify(DelegateTask task) {
        String incidentId = IncidentVariables.incidentId(task);
        String holder = ContainerFailureVariables.holderDescription(task);
        if (TaskListener.EVENTNAME_CREATE.equals(task.getEventName())) {
            task.setName("[" + Incident.shortId(incidentId) + "] 포트 점유 프로세스 중지 승인: 포트 "
                    + task.getVariable(ContainerFailureVariables.HOLDER_PORT));
            task.setDescription("서비스가 아닌 프로세스가 포트를 점유하고 있어 컨테이너를 시작할 수 없습니다.\n" + holder
                    + "\n\n승인하면 이 프로세스에 SIGTERM을 보내고, 정해진 시간 안에 끝나지 않으면 SIGKILL로 중지한 뒤 복구를 계속합니다."
                    + " 거부하면 수동 복구로 넘어갑니다.\n\n진단 결과:\n" + RunbookVariables.findings(task));
            incidents.note(incidentId, "포트 점유 프로세스 중지 승인", "승인 요청: " + holder);
            return;
        }
        Object decision = task.getVariable(DECISION);
        if (!"approve".equals(decision) && !"refuse".equals(decision)) {
            throw new FormFieldValidationException(null, "stopDecision must be approve or refuse");
        }
        String who = Actors.who(task, "DevOps");
        incidents.note(incidentId, "포트 점유 프로세스 중지 승인", ("approve".equals(decision) ? "승인" : "거부")
                + " (" + who + "): " + holder);
        RunbookVariables.addFinding(task, "포트 점유 프로세스 중지: " + ("approve".equals(decision) ? "승인" : "거부") + " (" + who + ")");
    }
}
