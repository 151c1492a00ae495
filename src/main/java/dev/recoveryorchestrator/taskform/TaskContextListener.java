package dev.recoveryorchestrator.taskform;

import java.time.Instant;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Runs first when any human task of an incident is created ({@link TaskFormsPlugin} adds it to every user task):
 * writes the task's {@link TaskContext} and the dates Tasklist sorts by — due at the incident's RTO deadline,
 * follow-up at the next tier's time (none once the last tier has joined). A task's own listener that runs later
 * may set other dates (the review's reminder, the last resort's deadline); those are kept.
 */
@Component
class TaskContextListener implements TaskListener {

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
        try {
            describe(task);
        } catch (RuntimeException e) {
            log.warn("Task {} ({}): no context for its form: {}", task.getId(), task.getTaskDefinitionKey(), e.toString());
        }
    }

    private void describe(DelegateTask task) {
        Instant now = ClockUtil.getCurrentTime().toInstant();
        contexts.incidentOf(task).ifPresent(incident -> {
            if (task.getDueDate() == null) {
                task.setDueDate(Date.from(incident.rtoDeadline()));
            }
            if (task.getFollowUpDate() == null) {
                contexts.nextTier(incident, now)
                        .map(tier -> Date.from(incident.openedAt().plus(tier.after())))
                        .ifPresent(task::setFollowUpDate);
            }
            task.setVariableLocal(TaskContext.VARIABLE, contexts.toJson(contexts.context(incident, task, now)));
        });
    }
}
