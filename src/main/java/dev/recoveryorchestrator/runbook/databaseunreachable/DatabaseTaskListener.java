package dev.recoveryorchestrator.runbook.databaseunreachable;

import dev.recoveryorchestrator.incident.Actors;
import dev.recoveryorchestrator.incident.Incident;
import dev.recoveryorchestrator.incident.IncidentService;
import dev.recoveryorchestrator.incident.IncidentVariables;
import dev.recoveryorchestrator.runbook.RunbookVariables;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;

/**
 * What Type 2's two decisions share: on create the task is named after the incident and shows the findings and what
 * is asked; on complete the form's choice must be one of the offered ones, and it goes to the timeline under the
 * authenticated person's name together with the note, and into the orchestrator's own boolean variable (a form
 * cannot set that one directly).
 */
abstract class DatabaseTaskListener implements TaskListener {

    private final IncidentService incidents;

    DatabaseTaskListener(IncidentService incidents) {
        this.incidents = incidents;
    }

    /** The task's Korean title (복원 승인). */
    abstract String title();

    abstract String ask(DelegateTask task);

    /** The form field holding the choice. */
    abstract String field();

    /** The choices, each with whether it means yes, and its Korean words. */
    abstract Map<String, Boolean> choices();

    /** The orchestrator's variable the choice sets. */
    abstract String result();

    @Override
    public void notify(DelegateTask task) {
        String incidentId = IncidentVariables.incidentId(task);
        if (TaskListener.EVENTNAME_CREATE.equals(task.getEventName())) {
            task.setName("[" + Incident.shortId(incidentId) + "] " + title() + ": " + IncidentVariables.failureType(task).koreanName());
            task.setDescription(ask(task) + "\n\n진단 결과:\n" + RunbookVariables.findings(task));
            incidents.note(incidentId, title(), title() + " 작업 생성 (" + String.join(", ", task.getCandidates().stream()
                    .map(link -> link.getGroupId() == null ? "" : link.getGroupId()).toList()) + ")");
            return;
        }
        Object choice = task.getVariable(field());
        Boolean yes = choice == null ? null : choices().get(choice.toString());
        if (yes == null) {
            throw new FormFieldValidationException(null, field() + " must be one of " + choices().keySet());
        }
        String note = Actors.note(task.getVariable("note"), "note");
        incidents.note(incidentId, title(), "선택: " + choice + " (" + Actors.who(task, "담당자") + ")"
                + (note.isBlank() ? "" : " - " + note));
        task.getExecution().setVariable(result(), yes);
    }
}
