package dev.recoveryorchestrator.runbook.backendapidown;

import dev.recoveryorchestrator.action.LogFiles;
import dev.recoveryorchestrator.action.LogFiles.LogRead;
import dev.recoveryorchestrator.action.TargetSettings;
import dev.recoveryorchestrator.incident.IncidentService;
import dev.recoveryorchestrator.incident.IncidentVariables;
import dev.recoveryorchestrator.runbook.RunbookVariables;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_ReadBackendLog} (로그 확인, {@code tail -100}): the log's last lines into the timeline and its error
 * lines into the findings; a log that is missing or cannot be read is itself the finding.
 */
@Component("readBackendLogDelegate")
class ReadBackendLogDelegate implements JavaDelegate {

    private final TargetSettings target;
    private final BackendApiDownSettings settings;
    private final IncidentService incidents;

    ReadBackendLogDelegate(TargetSettings target, BackendApiDownSettings settings, IncidentService incidents) {
        this.target = target;
        this.settings = settings;
        this.incidents = incidents;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String incidentId = IncidentVariables.incidentId(execution);
        LogRead log = LogFiles.tail(target.logFile(), settings.logLines());
        if (log.failed()) {
            incidents.note(incidentId, "로그 확인", log.problem());
            RunbookVariables.addFinding(execution, "로그 확인: " + log.problem());
            return;
        }
        List<String> lines = log.lines();
        List<String> errors = lines.stream().filter(line -> settings.errorPattern().matcher(line).find()).toList();
        incidents.note(incidentId, "로그 확인", "tail -" + settings.logLines() + " " + target.logFile() + "\n"
                + String.join("\n", lines));
        RunbookVariables.addFinding(execution, "로그 확인: 마지막 " + lines.size() + "줄 중 오류 " + errors.size() + "줄"
                + (errors.isEmpty() ? "" : ", 마지막 오류: " + errors.get(errors.size() - 1)));
    }
}
