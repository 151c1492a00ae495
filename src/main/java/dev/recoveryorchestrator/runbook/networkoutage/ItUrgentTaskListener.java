package dev.recoveryorchestrator.runbook.networkoutage;

import dev.recoveryorchestrator.incident.Actors;
import dev.recoveryorchestrator.incident.Incident;
import dev.recoveryorchestrator.incident.IncidentService;
import dev.recoveryorchestrator.incident.IncidentVariables;
import dev.recoveryorchestrator.notify.Audience;
import dev.recoveryorchestrator.notify.Notifier;
import dev.recoveryorchestrator.runbook.RunbookVariables;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * {@code UserTask_ContactIt} (IT 팀 연락, 우선순위 긴급), the runbook's first recovery step: on create the task is marked
 * urgent (its priority, and the word in its name), shows what the diagnosis found, and IT hears at once by mail
 * with the same findings and a link to the task — in the same transaction, so neither exists without the other,
 * and not after the IT tier's hour. On complete what IT wrote and who completed it go to the timeline; the runbook
 * then checks the host's ports itself and creates the task again if they still do not answer.
 */
@Component("itUrgentTaskListener")
class ItUrgentTaskListener implements TaskListener {

    static final String STEP = "IT 팀 연락";
    private final NetworkOutageSettings settings;
    private final IncidentService incidents;
    private final Notifier notifier;

    ItUrgentTaskListener(NetworkOutageSettings settings, IncidentService incidents, Notifier notifier) {
        this.settings = settings;
        this.incidents = incidents;
        this.notifier = notifier;
    }

    @Override
    public void notify(DelegateTask task) {
        String incidentId = IncidentVariables.incidentId(task);
        if (TaskListener.EVENTNAME_CREATE.equals(task.getEventName())) {
            String findings = RunbookVariables.findings(task);
            task.setPriority(settings.itPriority());
            task.setName("[" + Incident.shortId(incidentId) + "] 긴급: " + STEP + " - 네트워크 장애");
            task.setDescription("긴급 (우선순위 " + settings.itPriority() + "). 서비스는 이 서버에서 응답하지만 호스트 주소로는 "
                    + "접속할 수 없습니다. 진단 결과:\n" + findings + "\n\n네트워크(라우팅, 방화벽, 스위치, 회선)를 확인하고 조치한 뒤 "
                    + "이 작업을 완료하세요. 완료하면 호스트 포트를 다시 확인하고, 아직 응답하지 않으면 이 작업이 다시 생깁니다.");
            incidents.note(incidentId, STEP, "IT 팀(" + settings.itGroup() + ")에 긴급 작업 생성 (우선순위 "
                    + settings.itPriority() + ")과 메일 발송");
            notifier.send(Audience.tier(settings.itGroup()), "network-it-urgent", incidentId, Map.of(
                    "findings", findings.isBlank() ? "-" : findings,
                    "taskUrl", notifier.tasklistLink(task.getId())));
            return;
        }
        String note = Actors.note(task.getVariable(NetworkOutageVariables.IT_NOTE), NetworkOutageVariables.IT_NOTE);
        incidents.note(incidentId, STEP, "IT 조치 완료 보고 (" + Actors.who(task, "IT") + ")"
                + (note.isBlank() ? "" : ": " + note) + " - 호스트 포트를 다시 확인");
        NetworkOutageVariables.lastReach(task.getExecution(), "");
    }
}
