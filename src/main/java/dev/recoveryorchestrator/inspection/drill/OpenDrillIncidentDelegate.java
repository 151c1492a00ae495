package dev.recoveryorchestrator.inspection.drill;

import dev.recoveryorchestrator.incident.FailureType;
import dev.recoveryorchestrator.incident.Incident;
import dev.recoveryorchestrator.incident.IncidentRequest;
import dev.recoveryorchestrator.incident.IncidentService;
import dev.recoveryorchestrator.incident.Scope;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_OpenDrillIncident} (훈련 장애 등록): opens the drill incident through {@link IncidentService#openDrill},
 * dated from the injection. It is not confirmed by any check: the type's runbook confirms the failure itself before it
 * acts, as for any incident opened on someone's word.
 */
@Component("openDrillIncidentDelegate")
class OpenDrillIncidentDelegate implements JavaDelegate {

    static final String SOURCE = "inspection-drill";
    private final IncidentService incidents;

    OpenDrillIncidentDelegate(IncidentService incidents) {
        this.incidents = incidents;
    }

    @Override
    public void execute(DelegateExecution execution) {
        FailureType type = Drills.type(DrillVariables.requestedType(execution)).orElseThrow();
        Incident incident = incidents.openDrill(new IncidentRequest(type, Scope.WHOLE,
                "[훈련] " + type.koreanName() + " 훈련 (inspection-drill)", SOURCE, DrillVariables.startedBy(execution),
                DrillVariables.instant(execution, DrillVariables.INJECTED_AT))).incident();
        execution.setVariable(DrillVariables.INCIDENT_ID, incident.id());
        incidents.note(incident.id(), "훈련", "DR 훈련 장애: " + DrillVariables.text(execution, DrillVariables.FINDING)
                .lines().reduce((first, second) -> second).orElse(""));
        DrillVariables.find(execution, "훈련 장애 " + incident.id() + " 등록");
    }
}
