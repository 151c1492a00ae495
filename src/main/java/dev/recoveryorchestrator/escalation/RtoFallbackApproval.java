package dev.recoveryorchestrator.escalation;

import dev.recoveryorchestrator.incident.IncidentVariables;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateVariableMapping;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.springframework.stereotype.Component;

/**
 * What a runbook hands the RTO fallback's one approval process ({@code rto-fallback-approval}) and takes back from it,
 * in one place for every runbook (docs/architecture.md, "The RTO fallback"). Each runbook's call activity names it
 * ({@code camunda:variableMappingDelegateExpression="${rtoFallbackApproval}"}), passes the business key, and says what
 * its last resort does in the input parameter {@value RtoFallbackTaskListener#LAST_RESORT}.
 * <p>
 * In: the incident's variables the approval's listeners and timers read, the findings so far and the last resort.
 * Out: the decision ({@value RtoFallbackTaskListener#DECISION}) and, only when somebody or configuration decided to
 * apply it, who ({@code decidedBy}): a deferral leaves the runbook's own {@code decidedBy} as it was.
 */
@Component("rtoFallbackApproval")
class RtoFallbackApproval implements DelegateVariableMapping {

    /** The approval process's key, the call activities' {@code calledElement}. */
    static final String PROCESS = "rto-fallback-approval";
    static final List<String> IN = List.of(IncidentVariables.INCIDENT_ID, IncidentVariables.FAILURE_TYPE,
            IncidentVariables.TARGET, IncidentVariables.OPENED_AT, IncidentVariables.SCOPE, IncidentVariables.DRILL,
            IncidentVariables.FINDINGS, RtoFallbackTaskListener.LAST_RESORT);

    @Override
    public void mapInputVariables(DelegateExecution superExecution, VariableMap subVariables) {
        for (String name : IN) {
            TypedValue value = superExecution.getVariableTyped(name);
            if (value != null && value.getValue() != null) {
                subVariables.putValueTyped(name, value);
            }
        }
        if (subVariables.get(IncidentVariables.INCIDENT_ID) == null || subVariables.get(RtoFallbackTaskListener.LAST_RESORT) == null) {
            throw new IllegalStateException(PROCESS + " needs " + IncidentVariables.INCIDENT_ID + " and "
                    + RtoFallbackTaskListener.LAST_RESORT + " (the call activity's input parameter)");
        }
    }

    @Override
    public void mapOutputVariables(DelegateExecution superExecution, VariableScope subInstance) {
        superExecution.setVariable(RtoFallbackTaskListener.DECISION, subInstance.getVariable(RtoFallbackTaskListener.DECISION));
        Object decidedBy = subInstance.getVariable(IncidentVariables.DECIDED_BY);
        if (decidedBy != null) {
            superExecution.setVariable(IncidentVariables.DECIDED_BY, decidedBy);
        }
    }
}
