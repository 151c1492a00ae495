package dev.recoveryorchestrator.report;

import dev.recoveryorchestrator.config.LocalTimes;
import dev.recoveryorchestrator.incident.IncidentService;
import dev.recoveryorchestrator.incident.IncidentVariables;
import dev.recoveryorchestrator.notify.Audience;
import dev.recoveryorchestrator.notify.Notifier;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * The reminders of {@code incident-review} (검토 알림): the holders of the task named by the input parameter
 * {@code taskKey}, still open, get a mail with its link and due date.
 */
@Component("reviewReminderDelegate")
class ReviewReminderDelegate implements JavaDelegate {

    private final TaskService taskService;
    private final Notifier notifier;
    private final IncidentService incidents;
    private final LocalTimes times;

    ReviewReminderDelegate(TaskService taskService, Notifier notifier, IncidentService incidents, LocalTimes times) {
        this.taskService = taskService;
        this.notifier = notifier;
        this.incidents = incidents;
        this.times = times;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String incidentId = IncidentVariables.incidentId(execution);
        List<Task> open = taskService.createTaskQuery().processInstanceId(execution.getProcessInstanceId())
                .taskDefinitionKey((String) execution.getVariableLocal("taskKey")).list();
        for (Task task : open) {
            incidents.noteBy(incidentId, (String) execution.getVariableLocal("step"), "알림: 아직 완료되지 않음", null);
            notifier.send(Audience.holdersOf(List.of(task.getId())), "review-reminder", incidentId, Map.of(
                    "taskName", task.getName(),
                    "dueAt", times.minute(task.getDueDate() == null ? null : task.getDueDate().toInstant()),
                    "taskUrl", notifier.tasklistLink(task.getId())));
        }
    }
}
