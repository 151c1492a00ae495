package dev.recoveryorchestrator.report;

import dev.recoveryorchestrator.config.EngineClock;
import dev.recoveryorchestrator.incident.Actors;
import dev.recoveryorchestrator.incident.IncidentService;
import dev.recoveryorchestrator.incident.IncidentSteps;
import dev.recoveryorchestrator.incident.IncidentVariables;
import dev.recoveryorchestrator.incident.TimelineCode;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * {@code UserTask_UpdateDocs} (문서 업데이트): the runbook's last checklist line. On complete, what was updated (a note,
 * optional) is stored for the report under the person who completed it.
 */
@Component("docsTaskListener")
class DocsTaskListener implements TaskListener {

    static final String NOTE = "docsNote";
    private final ReviewTasks tasks;
    private final ReportStore store;
    private final IncidentService incidents;

    DocsTaskListener(ReviewTasks tasks, ReportStore store, IncidentService incidents) {
        this.tasks = tasks;
        this.store = store;
        this.incidents = incidents;
    }

    @Override
    public void notify(DelegateTask task) {
        if (EVENTNAME_CREATE.equals(task.getEventName())) {
            tasks.created(task, "문서 업데이트", "이번 장애로 바뀐 절차, 연락처, 설정을 문서(런북, README)에 반영하고 무엇을 바꿨는지 적어 주세요.",
                    IncidentSteps.DOCS);
            return;
        }
        String incidentId = IncidentVariables.incidentId(task);
        String note = Actors.note(task.getVariable(NOTE), NOTE);
        String who = Actors.who(task, "DevOps");
        store.saveDocsUpdate(incidentId, note, who, EngineClock.now());
        incidents.noteBy(incidentId, TimelineCode.DOCS_UPDATED, IncidentSteps.DONE + (note.isBlank() ? "" : ": "
                + note.lines().findFirst().orElse("")), who);
    }
}
