package dev.recoveryorchestrator.runbook.backendapidown;

import dev.recoveryorchestrator.incident.Incident;
import dev.recoveryorchestrator.incident.IncidentRequest;
import dev.recoveryorchestrator.incident.IncidentService;
import dev.recoveryorchestrator.incident.IncidentState;
import dev.recoveryorchestrator.incident.IncidentVariables;
import dev.recoveryorchestrator.incident.Scope;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_OpenRelapse} (재발 장애 등록, process {@code backend-log-watch}): errors came back in the log after the
 * restart that recovered the incident. The recovery stays recorded as it happened (the service did answer); the
 * failure coming back is a relapse ("재발"): a new incident of the same type, named as the relapse of this one,
 * whose lifecycle tells the first tier (task and mail) and whose runbook confirms the symptom itself before it
 * restarts anything (errors in a log are no failed health check). When the incident is still open (its
 * verification failed and the runbook runs again) or a drill's, the finding only goes to its timeline.
 */
@Component("backendLogRelapseDelegate")
class BackendLogRelapseDelegate implements JavaDelegate {

    static final String SOURCE = "log-watch";
    static final int MAX_SUMMARY = 2000;
    private final IncidentService incidents;

    BackendLogRelapseDelegate(IncidentService incidents) {
        this.incidents = incidents;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String incidentId = IncidentVariables.incidentId(execution);
        Incident recovered = incidents.find(incidentId).orElseThrow();
        String problem = BackendApiDownVariables.logProblem(execution);
        if (recovered.state() != IncidentState.RECOVERED || recovered.drill()) {
            incidents.note(incidentId, "재발", "재시작 후 로그 모니터링에서 오류: " + problem + " (장애가 아직 "
                    + (recovered.drill() ? "훈련" : recovered.state()) + "이므로 기록만 함)");
            return;
        }
        String summary = "재시작 후 로그에 오류 다시 발생: " + problem;
        IncidentService.Opened relapse = incidents.open(new IncidentRequest(recovered.type(),
                Scope.parse(recovered.scope()).orElse(Scope.WHOLE),
                summary.length() <= MAX_SUMMARY ? summary : summary.substring(0, MAX_SUMMARY), SOURCE, null, null, false,
                incidentId));
        incidents.note(incidentId, "재발", "재시작 후 로그 모니터링에서 오류: " + problem + " - 재발 장애 "
                + Incident.shortId(relapse.incident().id()) + (relapse.deduplicated() ? " (이미 열려 있음)" : " 열림"));
    }
}
