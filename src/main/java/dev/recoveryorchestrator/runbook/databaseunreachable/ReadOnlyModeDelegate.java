package dev.recoveryorchestrator.runbook.databaseunreachable;

import dev.recoveryorchestrator.incident.IncidentVariables;
import dev.recoveryorchestrator.runbook.RunbookVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_EnableReadOnlyMode} (임시 조치: 읽기 전용 모드 전환) and {@code Task_DisableReadOnlyMode} (읽기 전용 모드
 * 해제), told apart by the input parameter {@code readOnly} ({@code on} / {@code off}): the one line of
 * {@code predictor_config.yaml}, shown on the incident while on. A restart follows each in the model. Sets
 * {@code readOnlyOn}: this runbook switched it on and has not switched it off.
 */
@Component("readOnlyModeDelegate")
class ReadOnlyModeDelegate implements JavaDelegate {

    private final ReadOnlyMode readOnly;

    ReadOnlyModeDelegate(ReadOnlyMode readOnly) {
        this.readOnly = readOnly;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String incidentId = IncidentVariables.incidentId(execution);
        boolean on = "on".equals(execution.getVariableLocal("readOnly"));
        if (on) {
            boolean changed = readOnly.enable(incidentId);
            RunbookVariables.addFinding(execution, ReadOnlyMode.STEP_ON + ": " + (changed ? "켜짐" : "변경 없음"));
            if (changed) {
                execution.setVariable(DatabaseUnreachableVariables.READ_ONLY_ON, true);
            }
            return;
        }
        boolean off = readOnly.disable(incidentId);
        RunbookVariables.addFinding(execution, ReadOnlyMode.STEP_OFF + ": " + (off ? "꺼짐" : "실패"));
        execution.setVariable(DatabaseUnreachableVariables.READ_ONLY_ON, !off);
    }
}
