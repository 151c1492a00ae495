package dev.recoveryorchestrator.taskform;

import dev.recoveryorchestrator.incident.Incident;
import dev.recoveryorchestrator.incident.IncidentVariables;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * Runs last when any human task is created ({@link TaskFormsPlugin} adds it to every user task): writes the task's
 * {@link TaskContext} and, for an incident's task, the dates Tasklist sorts by — due at the incident's RTO deadline,
 * follow-up at the next tier's time (none once the last tier has joined). Dates the task's own listeners set (the
 * review's reminder, the last resort's deadline, an inspection's due date) are kept.
 */
@Component
public class TaskContextListener implements TaskListener {

    /** Task-local variable marking a drill's task. */
    public static final String DRILL = "drill";
    private static final Logger log = LoggerFactory.getLogger(TaskContextListener.class);

    private final TaskContexts contexts;

    TaskContextListener(TaskContexts contexts) {
        this.contexts = contexts;
    }

    /**
     * A task must be created whatever goes wrong here: a context that cannot be built is logged and left out (the
     * form then says so), never allowed to roll back the step that reached the task.
     */
    @Override
    public void notify(DelegateTask task) {
        if (task.getVariable(IncidentVariables.INCIDENT_ID) != null) {
            task.setVariableLocal(DRILL, false); // at once: an incident's task is real until its incident says otherwise
        }
        try {
            describe(task);
        } catch (DataAccessException | ProcessEngineException e) {
            throw e; // the transaction is spoilt: the step fails and is retried (a Cockpit incident at the end)
        } catch (RuntimeException e) {
            log.warn("Task {} ({}): no context for its form: {}", task.getId(), task.getTaskDefinitionKey(), e.toString());
        }
    }

    private void describe(DelegateTask task) {
        Instant now = ClockUtil.getCurrentTime().toInstant();
        Optional<Incident> found = contexts.incidentOf(task);
        if (found.isEmpty()) {
            write(task, contexts.outsideIncident(task));
            return;
        }
        Incident incident = found.get();
        task.setVariableLocal(DRILL, incident.drill());
        if (task.getDueDate() == null) {
            task.setDueDate(Date.from(incident.rtoDeadline()));
        }
        if (task.getFollowUpDate() == null) {
            contexts.nextTier(incident, now).map(tier -> Date.from(incident.openedAt().plus(tier.after())))
                    .ifPresent(task::setFollowUpDate);
        }
        write(task, contexts.context(incident, task, now));
    }

    /**
     * The context, and the task-local {@value #DRILL} for a drill's task: the "훈련" filter finds drills by it, the
     * "모든 진행 중 장애" filter real incidents by its being false.
     */
    private void write(DelegateTask task, TaskContext context) {
        task.setVariableLocal(TaskContext.VARIABLE, contexts.toJson(context));
        if (context.drill()) {
            task.setVariableLocal(DRILL, true);
        }
    }
}
