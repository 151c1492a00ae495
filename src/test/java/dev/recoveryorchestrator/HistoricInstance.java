package dev.recoveryorchestrator;

import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;

/**
 * A process instance known from history, for camunda-bpm-assert, which asserts on {@link ProcessInstance}: it
 * reads the path taken from history, so it works for instances that have ended (a runbook started by a call
 * activity is only reachable through history once it is done).
 */
public record HistoricInstance(HistoricProcessInstance historic) implements ProcessInstance {

    @Override
    public String getProcessDefinitionId() {
        return historic.getProcessDefinitionId();
    }

    @Override
    public String getProcessDefinitionKey() {
        return historic.getProcessDefinitionKey();
    }

    @Override
    public String getBusinessKey() {
        return historic.getBusinessKey();
    }

    @Override
    public String getRootProcessInstanceId() {
        return historic.getRootProcessInstanceId();
    }

    @Override
    public String getCaseInstanceId() {
        return historic.getCaseInstanceId();
    }

    @Override
    public boolean isSuspended() {
        return false;
    }

    @Override
    public String getId() {
        return historic.getId();
    }

    @Override
    public boolean isEnded() {
        return historic.getEndTime() != null;
    }

    @Override
    public String getProcessInstanceId() {
        return historic.getId();
    }

    @Override
    public String getTenantId() {
        return historic.getTenantId();
    }
}
