package dev.recoveryorchestrator.report;

import dev.recoveryorchestrator.incident.IncidentVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_RequestReview} of the lifecycle (사후 보고서 작성): hands the recovered incident to its own
 * {@code incident-review} process in the same transaction, so that the lifecycle ends at recovery and the review's
 * tasks (which may wait days) hold nothing of the response back.
 */
@Component("requestReviewDelegate")
class RequestReviewDelegate implements JavaDelegate {

    private final ReviewProcess review;

    RequestReviewDelegate(ReviewProcess review) {
        this.review = review;
    }

    @Override
    public void execute(DelegateExecution execution) {
        review.start(IncidentVariables.incidentId(execution), IncidentVariables.failureType(execution).id());
    }
}
