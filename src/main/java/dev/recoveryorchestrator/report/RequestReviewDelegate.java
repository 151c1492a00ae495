package dev.recoveryorchestrator.report;

import dev.recoveryorchestrator.incident.IncidentService;
import dev.recoveryorchestrator.incident.IncidentVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_RequestReview} of the lifecycle (사후 보고서 작성): hands the recovered incident to its own
 * {@code incident-review} process in the same transaction, so that the lifecycle ends at recovery and the review's
 * tasks (which may wait days) hold nothing of the response back. A DR drill's incident gets no review and no
 * post-incident report: its result is the drill's record ({@code ro_drill}), never a real incident's report.
 */
@Component("requestReviewDelegate")
class RequestReviewDelegate implements JavaDelegate {

    private final ReviewProcess review;
    private final IncidentService incidents;

    RequestReviewDelegate(ReviewProcess review, IncidentService incidents) {
        this.review = review;
        this.incidents = incidents;
    }

    @Override
    public void execute(DelegateExecution execution) {
        if (IncidentVariables.drill(execution)) {
            incidents.note(IncidentVariables.incidentId(execution), "사후 보고서 작성",
                    "훈련: 사후 검토와 보고서 없음 (결과는 훈련 기록에 남음)");
            return;
        }
        review.start(IncidentVariables.incidentId(execution), IncidentVariables.failureType(execution).id());
    }
}
