package dev.recoveryorchestrator.runbook;

import dev.recoveryorchestrator.action.BackgroundWork;
import dev.recoveryorchestrator.action.Work;
import dev.recoveryorchestrator.config.Durations;
import dev.recoveryorchestrator.incident.IncidentService;
import dev.recoveryorchestrator.incident.IncidentVariables;
import dev.recoveryorchestrator.incident.TimelineCode;
import java.time.Duration;
import java.time.Instant;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_StartAction} (조치 시작): records the action as background work and returns at once; its process
 * starts after this job commits. The owner key is this instance and task, so a retried or repeated start finds
 * the work already recorded and starts nothing.
 */
@Component("startActionDelegate")
class StartActionDelegate implements JavaDelegate {

    /** The task's id in run-action.bpmn: with the instance id, the owner key of the work it starts. */
    static final String TASK = "Task_StartAction";

    private final BackgroundWork work;
    private final IncidentService incidents;

    StartActionDelegate(BackgroundWork work, IncidentService incidents) {
        this.work = work;
        this.incidents = incidents;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String action = RunActionVariables.actionName(execution);
        String step = RunActionVariables.actionStep(execution);
        String incidentId = IncidentVariables.incidentId(execution);
        Work started = work.submit(ownerKey(execution.getProcessInstanceId()), action, incidentId);
        RunActionVariables.progress(execution, started, Instant.now());
        RunActionVariables.stillRunning(execution);
        if (incidentId != null) {
            incidents.note(incidentId, step, TimelineCode.ACTION_STARTED, action + " 시작: 백그라운드 작업 "
                    + started.id().substring(0, 8) + ", 제한 시간 "
                    + Durations.words(Duration.between(started.startedAt(), started.deadline())) + ", 노드 "
                    + started.nodeId());
        }
    }

    /** One work per run-action instance: the one its start task records. */
    static String ownerKey(String processInstanceId) {
        return processInstanceId + "/" + TASK;
    }
}
