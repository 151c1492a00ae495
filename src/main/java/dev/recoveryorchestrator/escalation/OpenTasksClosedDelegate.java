package dev.recoveryorchestrator.escalation;

import dev.recoveryorchestrator.incident.IncidentService;
import dev.recoveryorchestrator.incident.IncidentVariables;
import dev.recoveryorchestrator.notify.Notifier;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
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
    private final IdentityService identity;
    private final Escalation escalation;
    private final IncidentService incidents;
    private final Notifier notifier;

    OpenTasksClosedDelegate(TaskService tasks, IdentityService identity, Escalation escalation, IncidentService incidents,
            Notifier notifier) {
        this.tasks = tasks;
        this.identity = identity;
        this.escalation = escalation;
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
        Set<String> holders = new LinkedHashSet<>();
        for (Task task : open) {
            Set<String> holdersOfTask = holders(task);
            holders.addAll(holdersOfTask);
            incidents.note(incidentId, "작업 종료", task.getName() + ": 복구가 확인되어 종료"
                    + (task.getAssignee() == null ? "" : " (담당 " + task.getAssignee() + ")"));
        }
        notifier.mail("tasks-closed", incidentId, holders, Map.of(
                "taskNames", open.stream().map(task -> "- " + task.getName()).collect(Collectors.joining("\n")),
                "recoveredBy", IncidentVariables.recoveredBy(execution)));
    }

    private Set<String> holders(Task task) {
        Set<String> addresses = new LinkedHashSet<>();
        if (task.getAssignee() != null) {
            User user = identity.createUserQuery().userId(task.getAssignee()).singleResult();
            if (user != null && user.getEmail() != null && !user.getEmail().isBlank()) {
                addresses.add(user.getEmail());
                return addresses;
            }
        }
        for (IdentityLink link : tasks.getIdentityLinksForTask(task.getId())) {
            if (IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null) {
                addresses.addAll(escalation.addressesOf(link.getGroupId()));
            }
        }
        return addresses;
    }
}
