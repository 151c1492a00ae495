package dev.recoveryorchestrator.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.recoveryorchestrator.EngineTestSupport;
import dev.recoveryorchestrator.config.InvalidInputException;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A runbook suspended in Cockpit takes no new incident, but a repeat of the failure still joins the incident of the
 * type that is open (its lifecycle runs on): the open incident is looked for before the runbook.
 */
class SuspendedRunbookTest extends EngineTestSupport {

    @Autowired
    RepositoryService repository;

    @Test
    void aSuspendedRunbookRefusesANewIncidentButARepeatJoinsTheOpenOne() {
        Incident open = open(FailureType.BACKEND_API_DOWN);
        repository.suspendProcessDefinitionByKey(FailureType.BACKEND_API_DOWN.runbookProcessKey());
        repository.suspendProcessDefinitionByKey(FailureType.NETWORK_OUTAGE.runbookProcessKey());
        try {
            IncidentService.Opened repeat = incidents.open(new IncidentRequest(FailureType.BACKEND_API_DOWN, Scope.WHOLE,
                    "again", "test", null));
            assertThat(repeat.deduplicated()).isTrue();
            assertThat(repeat.incident().id()).isEqualTo(open.id());

            long before = incidents.list(java.util.Optional.empty()).size();
            assertThatThrownBy(() -> open(FailureType.NETWORK_OUTAGE)).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("no active runbook");
            assertThat(incidents.list(java.util.Optional.empty())).as("nothing stored").hasSize((int) before);
        } finally {
            repository.activateProcessDefinitionByKey(FailureType.BACKEND_API_DOWN.runbookProcessKey());
            repository.activateProcessDefinitionByKey(FailureType.NETWORK_OUTAGE.runbookProcessKey());
        }
    }
}
