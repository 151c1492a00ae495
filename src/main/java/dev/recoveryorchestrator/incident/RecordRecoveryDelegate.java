package dev.recoveryorchestrator.incident;

import java.time.Instant;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_RecordRecovery} (서비스 정상 작동 확인): state RECOVERED, recoveredAt and downtime stored. recoveredAt is
 * now, or the first passing check when the lifecycle's health watch noticed the recovery.
 */
@Component("recordRecoveryDelegate")
class RecordRecoveryDelegate implements JavaDelegate {

    private final IncidentService incidents;

    RecordRecoveryDelegate(IncidentService incidents) {
        this.incidents = incidents;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Instant noticed = IncidentVariables.recoveredAt(execution);
        String incidentId = IncidentVariables.incidentId(execution);
        if (noticed == null) {
            incidents.markRecovered(incidentId);
        } else {
            incidents.markRecovered(incidentId, noticed);
        }
    }
}
