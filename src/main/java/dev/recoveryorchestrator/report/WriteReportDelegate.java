package dev.recoveryorchestrator.report;

import dev.recoveryorchestrator.incident.IncidentVariables;
import java.io.IOException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_WriteDraftReport} and {@code Task_WriteFinalReport} of {@code incident-review}: writes the next version
 * of the report — a draft until the review is stored, then the final — and mails it to everyone involved when a review
 * was asked for. Without a review nobody waits for the report: it is written and served, not mailed (the recovery
 * notice already told everyone the downtime and how it ended).
 */
@Component("writeReportDelegate")
class WriteReportDelegate implements JavaDelegate {

    private final Reports reports;

    WriteReportDelegate(Reports reports) {
        this.reports = reports;
    }

    @Override
    public void execute(DelegateExecution execution) throws IOException {
        // Instances started before incident-review 1.2.0 have no reviewAsked: they asked for a review.
        reports.write(IncidentVariables.incidentId(execution),
                !Boolean.FALSE.equals(execution.getVariable(ReviewProcess.ASKED)));
    }
}
