package dev.recoveryorchestrator.report;

import dev.recoveryorchestrator.incident.IncidentService;
import dev.recoveryorchestrator.incident.IncidentVariables;
import dev.recoveryorchestrator.incident.TimelineCode;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_RequestReview} of the lifecycle (사후 보고서 작성): hands the recovered incident to its own
 * {@code incident-review} process in the same transaction, so that the lifecycle ends at recovery and the review's
 * tasks (which may wait days) hold nothing of the response back. Whether the review's tasks are asked for is
 * {@link ReviewRule}'s decision, written to the timeline with its reasons; the report is written either way. A DR
 * drill's incident gets no review and no post-incident report: its result is the drill's record ({@code ro_drill}),
 * never a real incident's report.
 */
@Component("requestReviewDelegate")
class RequestReviewDelegate implements JavaDelegate {

    private final ReviewProcess review;
    private final IncidentService incidents;
    private final ReviewRule rule;

    RequestReviewDelegate(ReviewProcess review, IncidentService incidents, ReviewRule rule) {
        this.review = review;
        this.incidents = incidents;
        this.rule = rule;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String incidentId = IncidentVariables.incidentId(execution);
        if (IncidentVariables.drill(execution)) {
            incidents.note(incidentId, "사후 보고서 작성", "훈련: 사후 검토와 보고서 없음 (결과는 훈련 기록에 남음)");
            return;
        }
        ReviewRule.Decision decision = rule.decide(incidents.find(incidentId).orElseThrow());
        incidents.note(incidentId, decision.code(), decision.note());
        review.start(incidentId, IncidentVariables.failureType(execution).id(), decision.asked());
    }
}
