package dev.recoveryorchestrator.incident;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code Task_RecordRecovery} (서비스 정상 작동 확인): state RECOVERED, recoveredAt and downtime stored. */
@Component("recordRecoveryDelegate")
class RecordRecoveryDelegate implements JavaDelegate {

    private final IncidentService incidents;

    RecordRecoveryDelegate(IncidentService incidents) {
        this.incidents = incidents;
    }

    @Override
    public void execute(DelegateExecution execution) {
        incidents.markRecovered(IncidentVariables.incidentId(execution));
    }
}
