package dev.recoveryorchestrator.inspection.drill;

import dev.recoveryorchestrator.config.EngineClock;
import dev.recoveryorchestrator.incident.FailureType;
import dev.recoveryorchestrator.maintenance.MaintenancePlanner;
import dev.recoveryorchestrator.maintenance.MaintenanceWindow;
import java.time.Instant;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_OpenDrillWindow} (점검 창 열기): puts the drilled type of our target under maintenance until the RTO
 * acceptable limit (plus {@code window-grace}) has passed, so that the monitor's and the alerts' view of the injected
 * failure is recorded on the window and opens no real incident. The window ends by itself; the drill ends it sooner.
 */
@Component("openDrillWindowDelegate")
class OpenDrillWindowDelegate implements JavaDelegate {

    private final Drills drills;
    private final MaintenancePlanner maintenance;

    OpenDrillWindowDelegate(Drills drills, MaintenancePlanner maintenance) {
        this.drills = drills;
        this.maintenance = maintenance;
    }

    @Override
    public void execute(DelegateExecution execution) {
        FailureType type = Drills.type(DrillVariables.requestedType(execution)).orElseThrow();
        Instant until = EngineClock.now().plus(drills.rtoAcceptable()).plus(drills.settings().windowGrace());
        MaintenanceWindow window = maintenance.declare(List.of(type), until,
                "DR 훈련 " + type.id() + " (inspection-drill " + execution.getProcessInstanceId() + ")",
                "inspection-drill");
        execution.setVariable(DrillVariables.WINDOW_ID, window.id());
        DrillVariables.find(execution, "점검 창 " + window.id() + " 열림 (" + type.id() + ", " + until + "까지)");
    }
}
