package dev.recoveryorchestrator.report;

import dev.recoveryorchestrator.incident.IncidentVariables;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/**
 * Starts the {@code incident-review} instance of a recovered incident, once. It always writes the report; its
 * review tasks are created only when {@value #ASKED} is true ({@link ReviewRule}).
 */
@Component
class ReviewProcess {

    static final String KEY = "incident-review";
    /** Set by the review task when a person completed it: the report then becomes final. */
    static final String REVIEWED = "reviewed";
    /** Whether the review's tasks are asked for (the model's gateway {@code Gateway_ReviewAsked}). */
    static final String ASKED = "reviewAsked";
    private final RuntimeService runtime;

    ReviewProcess(RuntimeService runtime) {
        this.runtime = runtime;
    }

    void start(String incidentId, String failureType, boolean asked) {
        if (runtime.createProcessInstanceQuery().processDefinitionKey(KEY).processInstanceBusinessKey(incidentId)
                .count() > 0) {
            return;
        }
        runtime.startProcessInstanceByKey(KEY, incidentId, Variables.createVariables()
                .putValue(IncidentVariables.INCIDENT_ID, incidentId)
                .putValue(IncidentVariables.FAILURE_TYPE, failureType)
                .putValue(REVIEWED, false)
                .putValue(ASKED, asked));
    }
}
