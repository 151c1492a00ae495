package dev.recoveryorchestrator.inspection.drill;

import dev.recoveryorchestrator.maintenance.MaintenancePlanner;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code Task_CloseDrillWindow} (점검 창 닫기): ends the drill's maintenance window now, whatever the drill's outcome. */
@Component("closeDrillWindowDelegate")
class CloseDrillWindowDelegate implements JavaDelegate {

    private final MaintenancePlanner maintenance;

    CloseDrillWindowDelegate(MaintenancePlanner maintenance) {
        this.maintenance = maintenance;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String windowId = DrillVariables.text(execution, DrillVariables.WINDOW_ID);
        boolean ended = maintenance.endNow(windowId);
        DrillVariables.find(execution, "점검 창 " + windowId + (ended ? " 닫음" : ": 이미 끝나 있었음"));
    }
}
