package dev.recoveryorchestrator.inspection.monthly;

import dev.recoveryorchestrator.incident.Actors;
import dev.recoveryorchestrator.inspection.CheckResult;
import dev.recoveryorchestrator.inspection.InspectionResults;
import dev.recoveryorchestrator.inspection.InspectionVariables;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.exception.NotValidException;
import org.springframework.stereotype.Component;

/**
 * {@code Task_ReviewContacts} (연락처 검토): on create, the current contact list goes into the task's description; on
 * complete, the changes entered in the form field {@code contactChanges} reach the identity store (all or none; a bad
 * line refuses the completion with the reason, and the task stays open), and the review is recorded.
 */
@Component
class ContactReviewTaskListener implements TaskListener {

    static final String FIELD = "contactChanges";

    private final ContactReview review;
    private final InspectionResults results;

    ContactReviewTaskListener(ContactReview review, InspectionResults results) {
        this.review = review;
        this.results = results;
    }

    @Override
    public void notify(DelegateTask task) {
        if (EVENTNAME_CREATE.equals(task.getEventName())) {
            String list = review.currentList();
            task.setDescription(list.length() > 3900 ? list.substring(0, 3899) + "…" : list);
            return;
        }
        Object text = task.getVariableLocal(FIELD) != null ? task.getVariableLocal(FIELD) : task.getVariable(FIELD);
        List<ContactReview.Change> changes;
        try {
            changes = review.parse(text == null ? null : text.toString());
        } catch (IllegalArgumentException e) {
            throw new NotValidException(FIELD + ": " + e.getMessage());
        }
        List<String> applied = review.apply(changes);
        String by = " (" + Actors.who(task, "알 수 없음") + ")";
        results.record(task.getProcessInstanceId(), InspectionVariables.kind(task), CheckResult.pass(ContactReview.CHECK,
                ContactReview.TITLE, "연락처 검토 완료" + by + ": " + (applied.isEmpty() ? "변경 없음"
                        : "변경 " + applied.size() + "건 - " + String.join(", ", applied)), (double) applied.size(), null,
                "changes"));
        task.removeVariable(FIELD);
    }
}
