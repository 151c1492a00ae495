package dev.recoveryorchestrator.runbook;

import dev.recoveryorchestrator.config.ProcessVariables;
import dev.recoveryorchestrator.incident.Actors;
import dev.recoveryorchestrator.incident.FailureType;
import dev.recoveryorchestrator.incident.Incident;
import dev.recoveryorchestrator.incident.IncidentService;
import dev.recoveryorchestrator.incident.IncidentVariables;
import dev.recoveryorchestrator.incident.TimelineCode;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.springframework.stereotype.Component;

/**
 * The triage task (증상 미확인): a runbook could not confirm the failure it is meant for, so nothing disruptive
 * runs until a person decides — go ahead anyway ({@code proceed}), another type's failure ({@code reclassify},
 * with {@code reclassifyTo}), or a false alarm ({@code false-alarm}). On create the task shows the findings; on
 * complete the decision is checked (a reclassification needs a different type whose runbook is deployed; a
 * refusal keeps the task open with the reason) and recorded.
 */
@Component("triageTaskListener")
class TriageTaskListener implements TaskListener {

    static final String DECISION = "triageDecision";
    static final String NOTE = "triageNote";
    private final IncidentService incidents;

    TriageTaskListener(IncidentService incidents) {
        this.incidents = incidents;
    }

    @Override
    public void notify(DelegateTask task) {
        String incidentId = IncidentVariables.incidentId(task);
        FailureType type = IncidentVariables.failureType(task);
        if (TaskListener.EVENTNAME_CREATE.equals(task.getEventName())) {
            task.setName("[" + Incident.shortId(incidentId) + "] 증상 미확인: " + type.koreanName());
            task.setDescription("장애가 등록되었지만 자동 점검으로 증상이 확인되지 않았습니다. 재시작 같은 조치는 아직 실행하지 않았습니다."
                    + "\n진단 결과:\n" + RunbookVariables.findings(task)
                    + "\n\n그래도 진행, 다른 유형으로 재분류, 또는 오경보로 종료 중에서 선택하세요.");
            incidents.note(incidentId, "증상 미확인", "자동 점검으로 증상이 확인되지 않음: 분류 작업 생성");
            return;
        }
        String decision = text(task, DECISION);
        String note = Actors.note(task.getVariable(NOTE), NOTE);
        String who = Actors.who(task, "DevOps");
        switch (decision) {
            case "proceed" -> incidents.note(incidentId, TimelineCode.TRIAGE_PROCEED,
                    "선택: 그래도 진행 (" + who + ")" + suffix(note));
            case "false-alarm" -> {
                incidents.note(incidentId, "증상 미확인", "선택: 오경보 (" + who + ")" + suffix(note));
                RunbookVariables.concluded(task.getExecution(), note, null, who);
            }
            case "reclassify" -> {
                FailureType to = FailureType.parse(text(task, IncidentVariables.RECLASSIFY_TO))
                        .orElseThrow(() -> new FormFieldValidationException(null, "재분류할 유형을 선택하세요 (reclassifyTo)"));
                if (to == type) {
                    throw new FormFieldValidationException(null, "재분류할 유형이 지금 유형과 같습니다: " + to.id());
                }
                if (!incidents.runbookActive(to)) {
                    throw new FormFieldValidationException(null, "Type " + to.number() + " " + to.koreanName()
                            + "의 복구 절차가 배포되지 않았거나 중지되어 재분류할 수 없습니다");
                }
                incidents.note(incidentId, "증상 미확인", "선택: 재분류 → " + to.id() + " (" + who + ")" + suffix(note));
                RunbookVariables.concluded(task.getExecution(), note, to.id(), who);
            }
            default -> throw new FormFieldValidationException(null, "선택이 올바르지 않습니다: proceed, reclassify, false-alarm 중 하나");
        }
    }

    private static String text(DelegateTask task, String name) {
        return ProcessVariables.text(task, name).strip();
    }

    private static String suffix(String note) {
        return note.isBlank() ? "" : " - " + note;
    }
}
