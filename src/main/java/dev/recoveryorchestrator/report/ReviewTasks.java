package dev.recoveryorchestrator.report;

import dev.recoveryorchestrator.config.EngineClock;
import dev.recoveryorchestrator.config.LocalTimes;
import dev.recoveryorchestrator.incident.FailureType;
import dev.recoveryorchestrator.incident.Incident;
import dev.recoveryorchestrator.incident.IncidentService;
import dev.recoveryorchestrator.incident.IncidentVariables;
import dev.recoveryorchestrator.notify.Audience;
import dev.recoveryorchestrator.notify.Notifier;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

/**
 * What the review's two tasks share on create: the name after the incident, the ask, the due date (when the task
 * lapses, so Tasklist sorts by it) and the follow-up date (the reminder), and a mail with the task's link to the
 * DevOps lead's group.
 */
@Component
class ReviewTasks {

    private final IncidentService incidents;
    private final Notifier notifier;
    private final ReviewSettings settings;
    private final LocalTimes times;

    ReviewTasks(IncidentService incidents, Notifier notifier, ReviewSettings settings, LocalTimes times) {
        this.incidents = incidents;
        this.notifier = notifier;
        this.settings = settings;
        this.times = times;
    }

    void created(DelegateTask task, String what, String ask, String step) {
        String incidentId = IncidentVariables.incidentId(task);
        FailureType type = IncidentVariables.failureType(task);
        Instant now = EngineClock.now();
        Instant due = now.plus(settings.expireAfter());
        task.setName("[" + Incident.shortId(incidentId) + "] " + what + ": Type " + type.number() + " "
                + type.koreanName());
        task.setDescription(ask + "\n기한 " + times.minute(due) + "까지 (지나면 작업이 종료되고 보고서는 초안으로 남음).");
        task.setDueDate(Date.from(due));
        task.setFollowUpDate(Date.from(now.plus(settings.remindAfter())));
        incidents.noteBy(incidentId, step, "요청 → " + settings.group() + " (기한 " + times.minute(due) + ")", null);
        notifier.send(Audience.tier(settings.group()), "review-requested", incidentId, Map.of(
                "taskName", task.getName(),
                "taskAsk", ask,
                "dueAt", times.minute(due),
                "taskUrl", notifier.tasklistLink(task.getId())));
    }

    ReviewSettings settings() {
        return settings;
    }
}
