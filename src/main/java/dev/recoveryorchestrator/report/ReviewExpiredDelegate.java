package dev.recoveryorchestrator.report;

import dev.recoveryorchestrator.incident.IncidentService;
import dev.recoveryorchestrator.incident.IncidentVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * A review task lapsed (기한 만료): noted in the timeline under the step named by the input parameter {@code step}.
 * The report stays as it is (a draft when nobody reviewed it).
 */
@Component("reviewExpiredDelegate")
class ReviewExpiredDelegate implements JavaDelegate {

    private final IncidentService incidents;

    ReviewExpiredDelegate(IncidentService incidents) {
        this.incidents = incidents;
    }

    @Override
    public void execute(DelegateExecution execution) {
        incidents.noteBy(IncidentVariables.incidentId(execution), (String) execution.getVariableLocal("step"),
                "기한 만료: 완료되지 않고 종료됨 (보고서는 그대로 남음)", null);
    }
}
