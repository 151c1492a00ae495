package dev.recoveryorchestrator.runbook.backendapidown;

import dev.recoveryorchestrator.action.ActionCatalog;
import dev.recoveryorchestrator.action.ActionResult;
import dev.recoveryorchestrator.action.LogFiles;
import dev.recoveryorchestrator.action.LogFiles.LogRead;
import dev.recoveryorchestrator.action.PortProbe;
import dev.recoveryorchestrator.action.TargetSettings;
import dev.recoveryorchestrator.incident.IncidentService;
import dev.recoveryorchestrator.incident.IncidentVariables;
import java.time.Duration;
import java.util.List;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Type 1 원인 분석, one delegate per step: is the backend process alive ({@code ps aux | grep uvicorn}), the
 * log's last lines ({@code tail -100}), is the port listening ({@code ss -tlnp | grep 8000}). Each finding goes
 * to the incident's timeline and to the findings shown in the manual recovery task.
 */
@Configuration
class DiagnosisDelegates {

    static final String CHECK_PROCESS_ACTION = "check-backend-process";

    /** {@code Task_CheckBackendProcess} (프로세스 확인). */
    @Bean
    JavaDelegate checkBackendProcessDelegate(ActionCatalog actions, IncidentService incidents) {
        return execution -> {
            String finding;
            if (!actions.has(CHECK_PROCESS_ACTION)) {
                finding = "프로세스 확인: recovery.actions." + CHECK_PROCESS_ACTION + " 미설정";
            } else {
                ActionResult result = actions.run(CHECK_PROCESS_ACTION);
                boolean alive = result.succeeded() && !result.output().isBlank();
                finding = "프로세스 확인: " + (alive ? "실행 중 (" + result.output().strip() + ")" : "실행 중이 아님");
            }
            incidents.note(IncidentVariables.incidentId(execution), "프로세스 확인", finding);
            BackendApiDownVariables.addFinding(execution, finding);
        };
    }

    /**
     * {@code Task_ReadBackendLog} (로그 확인): the log's last lines into the timeline and its error lines into the
     * findings; a log that is missing or cannot be read is itself the finding.
     */
    @Bean
    JavaDelegate readBackendLogDelegate(TargetSettings target, BackendApiDownSettings settings, IncidentService incidents) {
        return execution -> {
            String incidentId = IncidentVariables.incidentId(execution);
            LogRead log = LogFiles.tail(target.logFile(), settings.logLines());
            if (log.failed()) {
                incidents.note(incidentId, "로그 확인", log.problem());
                BackendApiDownVariables.addFinding(execution, "로그 확인: " + log.problem());
                return;
            }
            List<String> lines = log.lines();
            List<String> errors = lines.stream().filter(line -> settings.errorPattern().matcher(line).find()).toList();
            incidents.note(incidentId, "로그 확인", "tail -" + settings.logLines() + " " + target.logFile() + "\n"
                    + String.join("\n", lines));
            String finding = "로그 확인: 마지막 " + lines.size() + "줄 중 오류 " + errors.size() + "줄"
                    + (errors.isEmpty() ? "" : ", 마지막 오류: " + errors.get(errors.size() - 1));
            BackendApiDownVariables.addFinding(execution, finding);
        };
    }

    /** {@code Task_CheckBackendPort} (포트 상태 확인). */
    @Bean
    JavaDelegate checkBackendPortDelegate(TargetSettings target, PortProbe ports, IncidentService incidents) {
        return execution -> {
            boolean listening = ports.listening(target.host(), target.backendPort(), Duration.ofSeconds(1));
            String finding = "포트 상태 확인: " + target.host() + ":" + target.backendPort()
                    + (listening ? " LISTEN" : " 응답 없음");
            incidents.note(IncidentVariables.incidentId(execution), "포트 상태 확인", finding);
            BackendApiDownVariables.addFinding(execution, finding);
        };
    }
}
