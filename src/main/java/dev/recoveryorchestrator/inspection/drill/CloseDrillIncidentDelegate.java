package dev.recoveryorchestrator.inspection.drill;

import dev.recoveryorchestrator.incident.IncidentService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_CloseDrillIncident} (훈련 장애 종료): the RTO acceptable limit passed without recovery; the drill incident
 * is closed with the reason, which ends its lifecycle, runbook and tasks.
 */
@Component("closeDrillIncidentDelegate")
class CloseDrillIncidentDelegate implements JavaDelegate {

    private final IncidentService incidents;
    private final Drills drills;

    CloseDrillIncidentDelegate(IncidentService incidents, Drills drills) {
        this.incidents = incidents;
        this.drills = drills;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String incidentId = DrillVariables.text(execution, DrillVariables.INCIDENT_ID);
        String reason = "훈련 시간 초과: 주입 후 RTO 허용 한계 " + drills.rtoAcceptable() + " 안에 복구되지 않음";
        try {
            incidents.close(incidentId, reason, IncidentService.SYSTEM);
            DrillVariables.find(execution, "훈련 장애 종료: " + reason);
        } catch (IncidentService.IncidentNotOpenException raced) {
            DrillVariables.find(execution, "훈련 장애가 그사이 끝남: " + raced.getMessage());
        }
    }
}
