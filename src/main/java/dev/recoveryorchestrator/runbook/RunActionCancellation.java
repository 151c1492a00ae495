package dev.recoveryorchestrator.runbook;

import dev.recoveryorchestrator.action.BackgroundWork;
import dev.recoveryorchestrator.action.Work;
import dev.recoveryorchestrator.action.WorkCancelled;
import dev.recoveryorchestrator.config.HistoryHandlers;
import dev.recoveryorchestrator.incident.IncidentService;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.event.HistoricProcessInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A {@code run-action} instance that ends without reaching one of its end events — deleted because its caller was
 * cancelled (an incident closed, a lifecycle cancelled in Cockpit, also with "skip custom listeners") — cancels
 * its background work: nobody waits for it any more. The engine writes a history event for every end of an
 * instance, with the delete reason, inside the transaction that deletes it; {@link BackgroundWork#cancel} records
 * the request in that transaction and stops the work only once it commits, so a deletion that rolls back cancels
 * nothing. When the work has ended CANCELLED, the incident it was for gets a timeline entry.
 */
@Component
class RunActionCancellation extends AbstractProcessEnginePlugin {

    static final String STEP = "조치 취소";
    private static final Logger log = LoggerFactory.getLogger(RunActionCancellation.class);
    private static final int MAX_REASON = 500;
    private static final int TIMELINE_OUTPUT = 1500;
    private final ObjectProvider<BackgroundWork> work;
    private final ObjectProvider<IncidentService> incidents;

    RunActionCancellation(ObjectProvider<BackgroundWork> work, ObjectProvider<IncidentService> incidents) {
        this.work = work;
        this.incidents = incidents;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        HistoryHandlers.add(configuration, new InstanceEnds());
    }

    private void ended(HistoryEvent event) {
        if (event instanceof HistoricProcessInstanceEventEntity instance
                && HistoryEventTypes.PROCESS_INSTANCE_END.getEventName().equals(instance.getEventType())
                && RunAction.PROCESS.equals(instance.getProcessDefinitionKey())
                && !endedAtAnEndEvent(instance)) {
            String why = instance.getDeleteReason() == null ? "no reason given" : instance.getDeleteReason();
            String reason = "cancelled: its run-action instance " + instance.getProcessInstanceId() + " was deleted ("
                    + (why.length() <= MAX_REASON ? why : why.substring(0, MAX_REASON - 1) + "…") + ")";
            work.getObject().cancel(StartActionDelegate.ownerKey(instance.getProcessInstanceId()), reason);
        }
    }

    /** A normal end: no delete reason, and the last activity is one of the model's end events. */
    private static boolean endedAtAnEndEvent(HistoricProcessInstanceEventEntity instance) {
        return instance.getDeleteReason() == null && instance.getEndActivityId() != null
                && instance.getEndActivityId().startsWith("EndEvent_");
    }

    private final class InstanceEnds implements HistoryEventHandler {

        @Override
        public void handleEvent(HistoryEvent event) {
            ended(event);
        }

        @Override
        public void handleEvents(List<HistoryEvent> events) {
            events.forEach(RunActionCancellation.this::ended);
        }
    }

    /** The incident the work was for (its reference) shows that it was cancelled, and what was stopped. */
    @EventListener
    void onCancelled(WorkCancelled cancelled) {
        Work ended = cancelled.work();
        if (ended.reference() == null) {
            return;
        }
        try {
            incidents.getObject().note(ended.reference(), STEP, ended.action() + " " + CheckActionDelegate.korean(ended.state())
                    + ": " + ended.detail() + output(ended));
        } catch (RuntimeException e) {
            log.warn("Work {} was cancelled, but incident {} did not get the timeline entry: {}", ended.id(),
                    ended.reference(), e.toString());
        }
    }

    private static String output(Work work) {
        String tail = work.outputTail() == null ? "" : work.outputTail().strip();
        if (tail.isEmpty()) {
            return "";
        }
        return "\n" + (tail.length() <= TIMELINE_OUTPUT ? tail : "…" + tail.substring(tail.length() - TIMELINE_OUTPUT));
    }
}
