package dev.recoveryorchestrator.incident;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Component;

/**
 * The Cockpit incidents of an incident's processes (the lifecycle, its runbook, its mails): jobs that failed and
 * wait for a person, as the incident's page shows them. A query of the engine only; nothing is stored.
 */
@Component
class FailedSteps {

    private final RuntimeService runtime;
    private final RepositoryService repository;

    FailedSteps(RuntimeService runtime, RepositoryService repository) {
        this.runtime = runtime;
        this.repository = repository;
    }

    /** Failed jobs of the incident's processes: what failed and since when, oldest first. */
    List<FailedStep> of(String incidentId) {
        List<FailedStep> failed = new ArrayList<>();
        for (ProcessInstance instance : runtime.createProcessInstanceQuery().processInstanceBusinessKey(incidentId).list()) {
            runtime.createIncidentQuery().processInstanceId(instance.getId()).list().forEach(problem -> failed.add(
                    new FailedStep(processKey(instance.getProcessDefinitionId()), problem.getActivityId(),
                            problem.getIncidentType(), problem.getIncidentMessage(),
                            problem.getIncidentTimestamp().toInstant())));
        }
        failed.sort(Comparator.comparing(FailedStep::since));
        return failed;
    }

    private String processKey(String processDefinitionId) {
        return repository.getProcessDefinition(processDefinitionId).getKey();
    }
}
