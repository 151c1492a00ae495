package dev.recoveryorchestrator.inspection.drill;

import dev.recoveryorchestrator.incident.IncidentService;
import dev.recoveryorchestrator.incident.IncidentState;
import dev.recoveryorchestrator.maintenance.MaintenancePlanner;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The end listener of the whole {@code inspection-drill} process ({@code ${drillEndListener}}). Through its end event
 * the drill has closed its incident and checked its target: its maintenance window ends now. Cancelled (in Cockpit, or by
 * the monthly inspection's limit) while its drill incident is still open: the incident is closed with the reason, and
 * the window is left to run out by itself, since the target may still be broken and only the window keeps the monitor
 * from paging everyone for a drill. (A deletion that skips custom listeners leaves both to end by themselves: the
 * incident through its own lifecycle, the window at its end.) Only the window this drill opened (its reason names the
 * instance) is ended, whatever a starter passed as {@code drillWindowId}.
 */
@Component("drillEndListener")
class DrillEndListener implements ExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(DrillEndListener.class);
    private final MaintenancePlanner maintenance;
    private final IncidentService incidents;

    DrillEndListener(MaintenancePlanner maintenance, IncidentService incidents) {
        this.maintenance = maintenance;
        this.incidents = incidents;
    }

    @Override
    public void notify(DelegateExecution execution) {
        if (execution.isCanceled() && closeOpenIncident(execution)) {
            return;
        }
        String windowId = DrillVariables.text(execution, DrillVariables.WINDOW_ID);
        boolean ours = !windowId.isEmpty() && maintenance.find(windowId)
                .filter(window -> window.reason().contains(execution.getProcessInstanceId())).isPresent();
        if (ours && maintenance.endNow(windowId)) {
            log.info("Drill {} ended ({}): its maintenance window {} ended with it", execution.getProcessInstanceId(),
                    execution.isCanceled() ? "cancelled" : "done", windowId);
        }
    }

    /** Closes the drill's incident if it is still open; whether it was. */
    private boolean closeOpenIncident(DelegateExecution execution) {
        String incidentId = DrillVariables.text(execution, DrillVariables.INCIDENT_ID);
        if (incidentId.isEmpty() || incidents.find(incidentId).filter(found -> found.state() == IncidentState.OPEN).isEmpty()) {
            return false;
        }
        try {
            incidents.close(incidentId, "훈련 취소: 훈련 프로세스가 끝나기 전에 취소됨", IncidentService.SYSTEM);
            log.info("Drill {} cancelled: its incident {} closed; its maintenance window runs out by itself",
                    execution.getProcessInstanceId(), incidentId);
        } catch (IncidentService.IncidentNotOpenException raced) {
            return false;
        }
        return true;
    }
}
