package dev.recoveryorchestrator.report;

import dev.recoveryorchestrator.config.EngineClock;
import dev.recoveryorchestrator.incident.Actors;
import dev.recoveryorchestrator.incident.IncidentService;
import dev.recoveryorchestrator.incident.IncidentSteps;
import dev.recoveryorchestrator.incident.IncidentVariables;
import dev.recoveryorchestrator.incident.TimelineCode;
import dev.recoveryorchestrator.notify.Audience;
import dev.recoveryorchestrator.notify.Notifier;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.springframework.stereotype.Component;

/**
 * {@code UserTask_Review} (사후 검토): on create, the DevOps lead's group gets the task and its link and the CTO is
 * told; on complete, the cause, the prevention measures (one per line, or separated by {@code ;}) and the lessons are
 * checked as any text people give us ({@link Actors#note}) and stored for the report, under the person who completed
 * the task. A missing cause or no measure keeps the task open with the reason.
 */
@Component("reviewTaskListener")
class ReviewTaskListener implements TaskListener {

    static final String CAUSE = "cause";
    static final String MEASURES = "measures";
    static final String LESSONS = "lessons";
    static final int MAX_MEASURES = 20;
    private final ReviewTasks tasks;
    private final ReportStore store;
    private final IncidentService incidents;
    private final Notifier notifier;

    ReviewTaskListener(ReviewTasks tasks, ReportStore store, IncidentService incidents, Notifier notifier) {
        this.tasks = tasks;
        this.store = store;
        this.incidents = incidents;
        this.notifier = notifier;
    }

    @Override
    public void notify(DelegateTask task) {
        String incidentId = IncidentVariables.incidentId(task);
        if (EVENTNAME_CREATE.equals(task.getEventName())) {
            tasks.created(task, "사후 검토", "원인, 재발 방지 대책(한 줄에 하나), 교훈을 적어 주세요. 사후 보고서 확정본에 들어갑니다.",
                    IncidentSteps.REVIEW);
            notifier.send(Audience.tier(tasks.settings().informed()), "review-informed", incidentId,
                    Map.of("reviewGroup", tasks.settings().group()));
            return;
        }
        String cause = Actors.note(task.getVariable(CAUSE), CAUSE);
        List<String> measures = measures(Actors.note(task.getVariable(MEASURES), MEASURES));
        String lessons = Actors.note(task.getVariable(LESSONS), LESSONS);
        if (cause.isBlank()) {
            throw new FormFieldValidationException(null, "원인을 적어 주세요 (cause)");
        }
        if (measures.isEmpty()) {
            throw new FormFieldValidationException(null, "재발 방지 대책을 하나 이상 적어 주세요 (measures)");
        }
        if (measures.size() > MAX_MEASURES) {
            throw new FormFieldValidationException(null, "재발 방지 대책은 " + MAX_MEASURES + "개까지입니다 (measures)");
        }
        String who = Actors.who(task, "DevOps");
        store.saveReview(incidentId, cause, measures, lessons, who, EngineClock.now());
        task.getExecution().setVariable(ReviewProcess.REVIEWED, true);
        incidents.noteBy(incidentId, TimelineCode.REVIEW_DONE,
                IncidentSteps.DONE + ": 재발 방지 대책 " + measures.size() + "건", who);
    }

    /** One measure per line; a single line may list several separated by {@code ;}. */
    static List<String> measures(String text) {
        List<String> lines = text.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
        List<String> split = lines.size() == 1 ? Arrays.asList(lines.get(0).split(";")) : lines;
        return split.stream().map(String::strip).map(m -> m.replaceFirst("^([-*]\\s*(\\[[ xX]?]\\s*)?)", "").strip())
                .filter(m -> !m.isEmpty()).toList();
    }
}
