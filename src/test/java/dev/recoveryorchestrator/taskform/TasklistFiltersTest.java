package dev.recoveryorchestrator.taskform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recoveryorchestrator.EngineTestSupport;
import dev.recoveryorchestrator.incident.FailureType;
import dev.recoveryorchestrator.incident.Incident;
import dev.recoveryorchestrator.incident.IncidentRequest;
import dev.recoveryorchestrator.incident.Scope;
import java.time.Duration;
import java.util.List;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The Tasklist filters made at start, as each user's Tasklist runs them (the engine's filter service under that user's
 * authentication): the CTO's "모든 진행 중 장애" lists every real incident's tasks by RTO deadline and no drill's; the
 * "훈련" filter lists drills only; a tier without the filter cannot run it.
 */
class TasklistFiltersTest extends EngineTestSupport {

    @Autowired
    FilterService filters;
    @Autowired
    IdentityService identity;

    @AfterEach
    void signOut() {
        identity.clearAuthentication();
        jdbc.update("delete from ro_maintenance_event");
        jdbc.update("delete from ro_maintenance");
    }

    @Test
    void theCtoSeesEveryRealIncidentsTasksByDeadlineAndTheDrillsHaveTheirOwnFilter() throws Exception {
        breakStandin();
        Incident first = open(FailureType.BACKEND_API_DOWN);
        runDueJobs();
        advance(Duration.ofMinutes(10));
        Incident second = incidents.open(new IncidentRequest(FailureType.MODEL_CORRUPTION, Scope.PARTIAL, "모델 로드 실패",
                "test", null)).incident();
        Incident drill = incidents.openDrill(new IncidentRequest(FailureType.NETWORK_OUTAGE, Scope.PARTIAL,
                "[훈련] 네트워크", "test", null)).incident();
        runDueJobs();

        List<Task> ctoSees = as("cto1", List.of("cto"), () -> filters.list(filter("모든 진행 중 장애")));
        assertThat(ctoSees).extracting(Task::getProcessInstanceId).isNotEmpty();
        assertThat(businessKeys(ctoSees)).as("tasks offered to devops too, nearest deadline first")
                .containsExactly(first.id(), second.id());
        assertThat(ctoSees).extracting(task -> task.getDueDate().toInstant()).isSorted();
        assertThat(ctoSees.get(0).getDueDate().toInstant()).isEqualTo(first.rtoDeadline());
        assertThat(ctoSees.get(ctoSees.size() - 1).getDueDate().toInstant()).isEqualTo(second.rtoDeadline());

        List<Task> drills = as("devops1", List.of("devops"), () -> filters.list(filter("훈련 (DR drill)")));
        assertThat(businessKeys(drills)).isNotEmpty().containsOnly(drill.id());
        assertThat(tasks.getVariableLocal(drills.get(0).getId(), TaskContextListener.DRILL)).isEqualTo(true);

        assertThat(as("devops1", List.of("devops"), () -> filters.createFilterQuery()
                .filterName("모든 진행 중 장애").list())).as("only the approver tier may read it").isEmpty();
    }

    private List<String> businessKeys(List<Task> listed) {
        return listed.stream().map(task -> runtime.createProcessInstanceQuery()
                .processInstanceId(task.getProcessInstanceId()).singleResult().getBusinessKey()).distinct().toList();
    }

    private String filter(String name) {
        Filter filter = filters.createFilterQuery().filterName(name).singleResult();
        assertThat(filter).as(name).isNotNull();
        return filter.getId();
    }

    private <T> T as(String user, List<String> groups, java.util.concurrent.Callable<T> work) throws Exception {
        identity.setAuthentication(user, groups);
        try {
            return work.call();
        } finally {
            identity.clearAuthentication();
        }
    }
}
