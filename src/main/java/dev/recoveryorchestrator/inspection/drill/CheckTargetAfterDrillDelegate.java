package dev.recoveryorchestrator.inspection.drill;

import dev.recoveryorchestrator.action.HealthProbe;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_CheckTargetAfterDrill} (대상 정상 확인): the target must answer its health check after a drill. When it
 * does not, the drill restores it itself next (the configured restore action) and says so.
 */
@Component("checkTargetAfterDrillDelegate")
class CheckTargetAfterDrillDelegate implements JavaDelegate {

    private final Drills drills;

    CheckTargetAfterDrillDelegate(Drills drills) {
        this.drills = drills;
    }

    @Override
    public void execute(DelegateExecution execution) {
        HealthProbe.Health health = drills.targetHealth();
        execution.setVariable(DrillVariables.TARGET_HEALTHY, health.healthy());
        DrillVariables.find(execution, health.healthy() ? "훈련 후 대상 정상 (헬스 체크 통과)"
                : "훈련 후 대상 비정상 (" + health.detail() + "): 훈련이 직접 복구함 ("
                        + drills.settings().restoreAction() + ")");
    }
}
