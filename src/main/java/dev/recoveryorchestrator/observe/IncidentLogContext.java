package dev.recoveryorchestrator.observe;

import dev.recoveryorchestrator.incident.IncidentVariables;
import org.camunda.bpm.engine.delegate.BaseDelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.delegate.DelegateInvocation;
import org.camunda.bpm.engine.impl.interceptor.DelegateInterceptor;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

/**
 * Every log line written while the engine runs our code for an incident (a delegate, a listener, an expression) carries
 * the incident id and the process instance id in the MDC, as {@code incidentId} and {@code processInstanceId}: the
 * structured JSON logs ({@code logging.structured.format.console}) show them as fields, so an operator finds every line
 * of one incident by searching for its id. Wraps the engine's own delegate interceptor; the values are put before each
 * invocation and the ones there before are put back after it (an invocation inside another, a call activity, leaves
 * its caller's as they were), so nothing leaks to the thread's next job.
 */
@Component
class IncidentLogContext extends AbstractProcessEnginePlugin {

    static final String INCIDENT_ID = "incidentId";
    static final String PROCESS_INSTANCE_ID = "processInstanceId";

    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        DelegateInterceptor engine = configuration.getDelegateInterceptor();
        configuration.setDelegateInterceptor(invocation -> withContext(invocation, engine));
    }

    private static void withContext(DelegateInvocation invocation, DelegateInterceptor engine) throws Exception {
        BaseDelegateExecution execution = invocation.getContextExecution();
        Object incidentId;
        try {
            incidentId = execution == null ? null : execution.getVariable(IncidentVariables.INCIDENT_ID);
        } catch (RuntimeException unreadable) {
            incidentId = null; // an execution being torn down: log without the context rather than fail the step
        }
        if (!(incidentId instanceof String id) || id.isBlank()) {
            engine.handleInvocation(invocation);
            return;
        }
        String processInstanceId = execution instanceof DelegateExecution process ? process.getProcessInstanceId() : null;
        String incidentBefore = MDC.get(INCIDENT_ID);
        String processBefore = MDC.get(PROCESS_INSTANCE_ID);
        MDC.put(INCIDENT_ID, id);
        put(PROCESS_INSTANCE_ID, processInstanceId);
        try {
            engine.handleInvocation(invocation);
        } finally {
            put(INCIDENT_ID, incidentBefore);
            put(PROCESS_INSTANCE_ID, processBefore);
        }
    }

    private static void put(String key, String value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }
}
