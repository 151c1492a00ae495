package dev.recoveryorchestrator.inspection.drill;

import dev.recoveryorchestrator.config.EngineClock;
import dev.recoveryorchestrator.incident.Incident;
import dev.recoveryorchestrator.incident.IncidentService;
import dev.recoveryorchestrator.incident.IncidentState;
import java.time.Instant;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_CheckDrillIncident} (훈련 장애 종료 확인): whether the drill incident has ended (recovered or closed) and,
 * if not, whether the RTO acceptable limit after the injection has passed, when the drill stops waiting.
 */
@Component("checkDrillIncidentDelegate")
class CheckDrillIncidentDelegate implements JavaDelegate {

    private final IncidentService incidents;
    private final Drills drills;

    CheckDrillIncidentDelegate(IncidentService incidents, Drills drills) {
        this.incidents = incidents;
        this.drills = drills;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Incident incident = incidents.find(DrillVariables.text(execution, DrillVariables.INCIDENT_ID)).orElseThrow();
        boolean ended = incident.state() != IncidentState.OPEN;
        Instant deadline = DrillVariables.instant(execution, DrillVariables.INJECTED_AT).plus(drills.rtoAcceptable());
        execution.setVariable(DrillVariables.INCIDENT_ENDED, ended);
        execution.setVariable(DrillVariables.TIMED_OUT, !ended && !EngineClock.now().isBefore(deadline));
    }
}
