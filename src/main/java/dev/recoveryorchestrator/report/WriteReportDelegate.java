package dev.recoveryorchestrator.report;

import dev.recoveryorchestrator.incident.IncidentVariables;
import java.io.IOException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_WriteDraftReport} and {@code Task_WriteFinalReport} of {@code incident-review}: writes the next version
 * of the report — a draft until the review is stored, then the final — and mails it to everyone involved.
 */
@Component("writeReportDelegate")
class WriteReportDelegate implements JavaDelegate {

    private final Reports reports;

    WriteReportDelegate(Reports reports) {
        this.reports = reports;
    }

    @Override
    public void execute(DelegateExecution execution) throws IOException {
        reports.write(IncidentVariables.incidentId(execution));
    }
}
