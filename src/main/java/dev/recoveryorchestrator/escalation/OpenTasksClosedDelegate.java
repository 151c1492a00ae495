package dev.recoveryorchestrator.escalation;

import dev.recoveryorchestrator.incident.IncidentService;
import dev.recoveryorchestrator.incident.IncidentVariables;
import dev.recoveryorchestrator.notify.Audience;
import dev.recoveryorchestrator.notify.Notifier;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * {@code Task_CloseOpenTasks} (열린 작업 종료 알림): the health watch confirmed recovery while people still held
 * tasks (the runbook's manual recovery, the tiers' tasks). Each open task gets a timeline entry, and whoever held
 * it — its assignee, else its candidate groups' contacts — is told that it is closed and why. The lifecycle's
 * terminate end event then removes the tasks.
 */
@Component("openTasksClosedDelegate")
class OpenTasksClosedDelegate implements JavaDelegate {

    private final TaskService tasks;
    private final IncidentService incidents;
    private final Notifier notifier;

    OpenTasksClosedDelegate(TaskService tasks, IncidentService incidents, Notifier notifier) {
        this.tasks = tasks;
        this.incidents = incidents;
        this.notifier = notifier;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String incidentId = IncidentVariables.incidentId(execution);
        List<Task> open = tasks.createTaskQuery().processInstanceBusinessKey(incidentId).list();
        if (open.isEmpty()) {
            return;
        }
        for (Task task : open) {
            incidents.note(incidentId, "작업 종료", task.getName() + ": 복구가 확인되어 종료"
                    + (task.getAssignee() == null ? "" : " (담당 " + task.getAssignee() + ")"));
        }
        notifier.send(Audience.holdersOf(open.stream().map(Task::getId).toList()), "tasks-closed", incidentId, Map.of(
                "taskNames", open.stream().map(task -> "- " + task.getName()).collect(Collectors.joining("\n")),
                "recoveredBy", IncidentVariables.recoveredBy(execution)));
    }
}
