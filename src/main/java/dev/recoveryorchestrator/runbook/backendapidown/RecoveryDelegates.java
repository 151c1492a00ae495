package dev.recoveryorchestrator.runbook.backendapidown;

import dev.recoveryorchestrator.action.HealthProbe;
import dev.recoveryorchestrator.action.HealthProbe.Health;
import dev.recoveryorchestrator.action.LogFiles;
import dev.recoveryorchestrator.action.LogFiles.LogRead;
import dev.recoveryorchestrator.action.TargetSettings;
import dev.recoveryorchestrator.incident.IncidentService;
import dev.recoveryorchestrator.incident.IncidentVariables;
import java.util.List;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Type 1 복구 절차: health check (단계 2) and log watch (단계 3). The restart (단계 1) and the rollback (롤백 절차,
 * only on a person's choice) are calls of {@code run-action}: tracked background work, never inside a job.
 */
@Configuration
class RecoveryDelegates {

    /** {@code Task_BackendHealthCheck} (헬스 체크): bounded retries; sets {@code backendHealthy}. */
    @Bean
    JavaDelegate backendHealthCheckDelegate(HealthProbe probe, TargetSettings target, BackendApiDownSettings settings,
            IncidentService incidents) {
        return execution -> {
            Health health = probe.checkRepeatedly(target.healthUrl(), settings.healthTimeout(), settings.healthAttempts(),
                    settings.healthInterval());
            String finding = "헬스 체크: " + (health.healthy() ? "정상" : settings.healthAttempts() + "회 실패") + " - "
                    + health.detail();
            incidents.note(IncidentVariables.incidentId(execution), "헬스 체크", finding);
            BackendApiDownVariables.addFinding(execution, finding);
            BackendApiDownVariables.backendHealthy(execution, health.healthy());
        };
    }

    /**
     * {@code Task_ScanBackendLog} (로그 모니터링): error lines written since the restart; sets {@code logClean}. A log
     * that is missing or cannot be read is not clean: nobody has seen it, so a person decides.
     */
    @Bean
    JavaDelegate watchBackendLogDelegate(TargetSettings target, BackendApiDownSettings settings, IncidentService incidents) {
        return execution -> {
            LogRead log = LogFiles.errorsSince(target.logFile(), BackendApiDownVariables.logOffset(execution),
                    settings.errorPattern());
            List<String> errors = log.lines();
            String finding = "로그 모니터링 (" + settings.logWatch() + "): " + (log.failed()
                    ? log.problem()
                    : errors.isEmpty()
                            ? "오류 없음"
                            : "오류 " + errors.size() + "줄, 마지막: " + errors.get(errors.size() - 1));
            boolean clean = !log.failed() && errors.isEmpty();
            incidents.note(IncidentVariables.incidentId(execution), "로그 모니터링", finding);
            BackendApiDownVariables.addFinding(execution, finding);
            BackendApiDownVariables.logClean(execution, clean);
            if (clean) {
                IncidentVariables.setRecoveredBy(execution, BackendApiDownVariables.recoveryMethod(execution));
            }
        };
    }
}
