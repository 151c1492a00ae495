package dev.recoveryorchestrator.inspection.drill;

import dev.recoveryorchestrator.action.ActionResult;
import dev.recoveryorchestrator.config.EngineClock;
import dev.recoveryorchestrator.incident.FailureType;
import java.time.Instant;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_InjectFailure} (장애 주입): breaks the target for real with the type's configured injection (the demo:
 * the stand-in killed, or its database or model damaged by its switch) and records when. A failed injection is a
 * finding, not a retry: injecting twice is not what anybody asked for.
 */
@Component("injectFailureDelegate")
class InjectFailureDelegate implements JavaDelegate {

    private final Drills drills;

    InjectFailureDelegate(Drills drills) {
        this.drills = drills;
    }

    @Override
    public void execute(DelegateExecution execution) {
        FailureType type = Drills.type(DrillVariables.requestedType(execution)).orElseThrow();
        Instant before = EngineClock.now();
        ActionResult result = drills.inject(type);
        execution.setVariable(DrillVariables.INJECTED, result.succeeded());
        if (result.succeeded()) {
            DrillVariables.instant(execution, DrillVariables.INJECTED_AT, before);
        }
        DrillVariables.find(execution, (result.succeeded() ? "장애 주입: " : "장애 주입 실패: ") + drills.injectionOf(type)
                + " — " + result.summary());
    }
}
