package dev.recoveryorchestrator.incident;

import dev.recoveryorchestrator.action.HealthProbe.Health;
import dev.recoveryorchestrator.config.EngineClock;
import java.time.Instant;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_WatchHealth} (헬스 감시): while the incident is open the lifecycle checks health on its own, once per
 * {@code recovery.lifecycle.watch-interval}, whatever the runbook or a person is doing. After
 * {@code watch-passes} passing checks in a row it sets {@code recoveryNoticed}: the lifecycle then ends
 * escalation, RTO timers and open tasks, and the incident is recovered as of the first of those checks.
 * <p>
 * Passing checks count, and a recovery is recorded, by the rule the check after a resolved alert shares
 * ({@link RecoveryChecks#passesCount}, {@link RecoveryChecks#recovered}). Only changes of state are written to the timeline, not every check. A type with its own {@link RecoveryCheck}
 * (Type 3: the host's ports through its address) is watched with that instead of {@code /api/health}.
 */
@Component("healthWatchDelegate")
class HealthWatchDelegate implements JavaDelegate {

    static final String RECOVERY_NOTICED = "recoveryNoticed";
    static final String PASSES = "healthWatchPasses";
    static final String SINCE = "healthWatchSince";
    private final IncidentService incidents;
    private final RecoveryChecks checks;
    private final LifecycleSettings settings;

    HealthWatchDelegate(IncidentService incidents, RecoveryChecks checks, LifecycleSettings settings) {
        this.incidents = incidents;
        this.checks = checks;
        this.settings = settings;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String incidentId = IncidentVariables.incidentId(execution);
        execution.setVariable(RECOVERY_NOTICED, false);
        Incident incident = incidents.find(incidentId).orElseThrow();
        if (!RecoveryChecks.passesCount(incident)) {
            return;
        }
        Instant now = EngineClock.now();
        Health health = checks.check(incident.type());
        int passes = execution.getVariable(PASSES) instanceof Number n ? n.intValue() : 0;
        if (!health.healthy()) {
            if (passes > 0) {
                incidents.note(incidentId, "헬스 감시", "다시 실패: " + health.detail());
            }
            execution.setVariable(PASSES, 0);
            execution.removeVariable(SINCE);
            return;
        }
        passes++;
        execution.setVariable(PASSES, passes);
        if (passes == 1) {
            execution.setVariable(SINCE, Date.from(now));
        }
        if (passes < settings.watchPasses()) {
            incidents.note(incidentId, "헬스 감시", "통과 (" + passes + "/" + settings.watchPasses() + "): " + health.detail());
            return;
        }
        Instant since = ((Date) execution.getVariable(SINCE)).toInstant();
        incidents.note(incidentId, "헬스 감시", "연속 " + passes + "회 통과: 복구 확인 (첫 통과 시각 기준), 에스컬레이션과 작업 종료");
        RecoveryChecks.recovered(execution, since, "헬스 감시로 복구 확인 (" + passes + "회 연속 통과)");
        execution.setVariable(RECOVERY_NOTICED, true);
    }
}
