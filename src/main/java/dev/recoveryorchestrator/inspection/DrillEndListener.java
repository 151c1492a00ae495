package dev.recoveryorchestrator.inspection;

import dev.recoveryorchestrator.maintenance.MaintenancePlanner;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The end listener of the whole {@code inspection-drill} process ({@code ${drillEndListener}}): however the drill ends —
 * through its end event or cancelled in Cockpit — its maintenance window ends now. (A deletion that skips custom
 * listeners leaves the window to end by itself.) Only the window this drill opened (its reason names the instance) is ended,
 * whatever a starter passed as {@code drillWindowId}.
 */
@Component("drillEndListener")
class DrillEndListener implements ExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(DrillEndListener.class);
    private final MaintenancePlanner maintenance;

    DrillEndListener(MaintenancePlanner maintenance) {
        this.maintenance = maintenance;
    }

    @Override
    public void notify(DelegateExecution execution) {
        String windowId = DrillVariables.text(execution, DrillVariables.WINDOW_ID);
        boolean ours = !windowId.isEmpty() && maintenance.find(windowId)
                .filter(window -> window.reason().contains(execution.getProcessInstanceId())).isPresent();
        if (ours && maintenance.endNow(windowId)) {
            log.info("Drill {} ended ({}): its maintenance window {} ended with it", execution.getProcessInstanceId(),
                    execution.isCanceled() ? "cancelled" : "done", windowId);
        }
    }
}
