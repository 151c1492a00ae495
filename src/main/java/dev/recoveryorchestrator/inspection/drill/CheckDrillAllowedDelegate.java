package dev.recoveryorchestrator.inspection.drill;

import dev.recoveryorchestrator.config.EngineClock;
import java.util.Optional;
import java.util.UUID;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_CheckDrillAllowed} (훈련 가능 확인): names the drill, fixes the RTO target it is measured against and
 * decides whether it may run at all ({@link Drills#refusal}). Refused: {@code drillAllowed} false with the finding,
 * and nothing is changed anywhere.
 */
@Component("checkDrillAllowedDelegate")
class CheckDrillAllowedDelegate implements JavaDelegate {

    private final Drills drills;

    CheckDrillAllowedDelegate(Drills drills) {
        this.drills = drills;
    }

    @Override
    public void execute(DelegateExecution execution) {
        // Whatever a starter passed under these names is not the drill's: each starts empty.
        for (String own : new String[] {DrillVariables.FINDING, DrillVariables.WINDOW_ID, DrillVariables.INJECTED,
                DrillVariables.INJECTED_AT, DrillVariables.INCIDENT_ENDED, DrillVariables.TIMED_OUT,
                DrillVariables.TARGET_HEALTHY, DrillVariables.OUTCOME}) {
            execution.setVariable(own, null);
        }
        execution.setVariable(DrillVariables.ID, UUID.randomUUID().toString());
        DrillVariables.instant(execution, DrillVariables.STARTED_AT, EngineClock.now());
        execution.setVariable(DrillVariables.RTO_TARGET_SECONDS, drills.rtoTarget().toSeconds());
        execution.setVariable(DrillVariables.RECOVERY_SECONDS, null);
        execution.setVariable(DrillVariables.INCIDENT_ID, null);
        Optional<String> refusal = drills.refusal(DrillVariables.requestedType(execution));
        execution.setVariable(DrillVariables.ALLOWED, refusal.isEmpty());
        DrillVariables.find(execution, refusal.map(why -> "훈련 거부: " + why)
                .orElseGet(() -> "훈련 가능: " + Drills.type(DrillVariables.requestedType(execution)).orElseThrow().id()
                        + " (대상 " + drills.settings().environment().name().toLowerCase() + ", 헬스 체크 정상)"));
    }
}
