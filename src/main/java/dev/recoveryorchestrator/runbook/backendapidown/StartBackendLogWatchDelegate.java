package dev.recoveryorchestrator.runbook.backendapidown;

import dev.recoveryorchestrator.action.LogFiles;
import dev.recoveryorchestrator.action.TargetSettings;
import dev.recoveryorchestrator.config.EngineClock;
import dev.recoveryorchestrator.incident.IncidentVariables;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_StartLogWatch} (로그 모니터링 시작): the health check after the restart has just passed, so the service is
 * back as of now ({@code recoveredAt}, what brought it back in {@code recoveredBy}) and the runbook ends. The log
 * watch that the runbook asks for after a restart runs on in its own process, {@code backend-log-watch}: waiting a
 * minute for the log to stay clean would otherwise keep the incident open a minute after the service answered. When
 * errors come back that process opens a relapse.
 * <p>
 * The watch reads the log from where it ends now, when the service answers again: a relapse is a failure that comes
 * back after the recovery. What was written before (the old process's last errors, failed requests while the restart
 * ran or while the service waited for a person) belongs to the outage that has just ended; read from before the
 * restart, it opened a "relapse" of an incident that had just recovered (a multi-process run showed it, NodeFailureIT).
 */
@Component("startBackendLogWatchDelegate")
class StartBackendLogWatchDelegate implements JavaDelegate {

    static final String LOG_WATCH_PROCESS = "backend-log-watch";
    private final TargetSettings target;

    StartBackendLogWatchDelegate(TargetSettings target) {
        this.target = target;
    }

    @Override
    public void execute(DelegateExecution execution) throws Exception {
        IncidentVariables.recoveredAt(execution, EngineClock.now());
        IncidentVariables.setRecoveredBy(execution, BackendApiDownVariables.recoveryMethod(execution));
        execution.getProcessEngineServices().getRuntimeService().startProcessInstanceByKey(LOG_WATCH_PROCESS, execution.getProcessBusinessKey(), Map.of(
                IncidentVariables.INCIDENT_ID, IncidentVariables.incidentId(execution),
                BackendApiDownVariables.LOG_OFFSET, LogFiles.size(target.logFile()),
                BackendApiDownVariables.RECOVERY_METHOD, BackendApiDownVariables.recoveryMethod(execution)));
    }
}
