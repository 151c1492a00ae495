package dev.recoveryorchestrator.incident;

import java.util.List;
import dev.recoveryorchestrator.config.HistoryHandlers;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.event.HistoricProcessInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Whenever an {@code incident-lifecycle} instance ends, for whatever reason, its incident follows. The engine
 * writes a history event for every end of a process instance — completed, cancelled in Cockpit (also with "skip
 * custom listeners"), deleted through the REST API — so this handler sees all of them, inside the transaction
 * that ends the instance. A normal end finds the incident RECOVERED or CLOSED already and changes nothing; any
 * other end closes the still OPEN incident with the reason, which frees its slot for the next failure.
 */
@Component
class LifecycleEndWatcher extends AbstractProcessEnginePlugin {

    private final ObjectProvider<IncidentService> incidents;

    LifecycleEndWatcher(ObjectProvider<IncidentService> incidents) {
        this.incidents = incidents;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        HistoryHandlers.add(configuration, new LifecycleEnds());
    }

    private void ended(HistoryEvent event) {
        if (event instanceof HistoricProcessInstanceEventEntity instance
                && HistoryEventTypes.PROCESS_INSTANCE_END.getEventName().equals(instance.getEventType())
                && IncidentService.LIFECYCLE_PROCESS.equals(instance.getProcessDefinitionKey())
                && instance.getBusinessKey() != null) {
            String why = instance.getDeleteReason() == null || instance.getDeleteReason().isBlank()
                    ? "대응 절차가 복구 확인 없이 끝남"
                    : "대응 절차가 취소됨: " + instance.getDeleteReason();
            incidents.getObject().closeBecauseLifecycleEnded(instance.getBusinessKey(), why);
        }
    }

    /** The handler the engine calls; not a bean itself (see {@link HistoryHandlers}). */
    private final class LifecycleEnds implements HistoryEventHandler {

        @Override
        public void handleEvent(HistoryEvent event) {
            ended(event);
        }

        @Override
        public void handleEvents(List<HistoryEvent> events) {
            events.forEach(this::handleEvent);
        }
    }
}
