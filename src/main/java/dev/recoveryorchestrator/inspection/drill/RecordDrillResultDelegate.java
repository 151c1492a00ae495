package dev.recoveryorchestrator.inspection.drill;

import dev.recoveryorchestrator.config.Durations;
import dev.recoveryorchestrator.config.EngineClock;
import dev.recoveryorchestrator.incident.Incident;
import dev.recoveryorchestrator.incident.IncidentService;
import dev.recoveryorchestrator.inspection.CheckResult;
import dev.recoveryorchestrator.inspection.InspectionResults;
import java.time.Duration;
import java.time.Instant;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_RecordDrillResult} (결과 기록): measures the recovery time achieved (the drill incident's recovery, its
 * first passing health check, minus the injection) against the RTO target, sets the outputs the caller reads
 * ({@code drillOutcome}, {@code drillRecoverySeconds}, {@code drillRtoTargetSeconds}, {@code drillIncidentId}) and
 * keeps the result in {@code ro_drill}, and as the check {@value #CHECK} among the inspection results (the drill RTO
 * trend of {@code GET /api/inspections}, whether the drill ran from the monthly inspection or by hand).
 */
@Component("recordDrillResultDelegate")
class RecordDrillResultDelegate implements JavaDelegate {

    static final String CHECK = "drill";
    /** How much of the finding an inspection result keeps. */
    static final int FINDING_IN_RESULT = 500;

    private final IncidentService incidents;
    private final DrillStore store;
    private final InspectionResults results;

    RecordDrillResultDelegate(IncidentService incidents, DrillStore store, InspectionResults results) {
        this.incidents = incidents;
        this.store = store;
        this.results = results;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long target = (Long) execution.getVariable(DrillVariables.RTO_TARGET_SECONDS);
        Instant injectedAt = DrillVariables.instant(execution, DrillVariables.INJECTED_AT);
        String incidentId = DrillVariables.text(execution, DrillVariables.INCIDENT_ID);
        Incident incident = incidentId.isEmpty() ? null : incidents.find(incidentId).orElse(null);
        Instant recoveredAt = incident == null ? null : incident.recoveredAt();
        Long seconds = recoveredAt == null || injectedAt == null ? null
                : Math.max(0, Duration.between(injectedAt, recoveredAt).toSeconds());
        String outcome = !DrillVariables.flag(execution, DrillVariables.ALLOWED) ? Drills.REFUSED
                : !DrillVariables.flag(execution, DrillVariables.INJECTED) ? Drills.INJECTION_FAILED
                : seconds != null ? Drills.RECOVERED : Drills.NOT_RECOVERED;
        if (seconds != null) {
            DrillVariables.find(execution, "복구 시간 " + words(seconds) + " (RTO 목표 " + words(target) + "): "
                    + (seconds <= target ? "목표 안" : "목표 초과"));
        } else if (incident != null) {
            DrillVariables.find(execution, "복구되지 않음: 훈련 장애 " + incident.state()
                    + (incident.closedReason() == null ? "" : " (" + incident.closedReason() + ")"));
        }
        execution.setVariable(DrillVariables.OUTCOME, outcome);
        execution.setVariable(DrillVariables.RECOVERY_SECONDS, seconds);
        execution.setVariable(DrillVariables.INCIDENT_ID, incident == null ? null : incident.id());
        String finding = DrillVariables.text(execution, DrillVariables.FINDING);
        store.insert(new DrillResult(DrillVariables.text(execution, DrillVariables.ID),
                Drills.type(DrillVariables.requestedType(execution)).map(type -> type.id()).orElse(Drills.INVALID_TYPE),
                incident == null ? null : incident.id(), execution.getProcessInstanceId(),
                DrillVariables.instant(execution, DrillVariables.STARTED_AT), injectedAt, recoveredAt, EngineClock.now(),
                seconds, target, outcome, newest(finding, DrillStore.MAX_FINDING),
                cut(DrillVariables.startedBy(execution))));
        results.record(execution.getProcessInstanceId(), "drill", result(outcome, seconds, target, finding));
    }

    /** The drill as an inspection check: within the RTO target passes; refused never ran; anything else fails. */
    private static CheckResult result(String outcome, Long seconds, long target, String finding) {
        String title = "DR 훈련 (복구 시간 / RTO 목표)";
        if (Drills.REFUSED.equals(outcome)) {
            return CheckResult.notRun(CHECK, title, "훈련 거부: " + newest(finding, FINDING_IN_RESULT),
                    "훈련 대상과 설정을 확인하세요 (docs/drills.md).");
        }
        String figures = seconds == null ? "복구되지 않음 (" + outcome + "), RTO 목표 " + words(target)
                : "복구 " + words(seconds) + ", RTO 목표 " + words(target);
        Double measured = seconds == null ? null : seconds.doubleValue();
        return seconds != null && seconds <= target
                ? CheckResult.pass(CHECK, title, figures, measured, (double) target, "s")
                : CheckResult.fail(CHECK, title, figures, newest(finding, FINDING_IN_RESULT),
                        "훈련 기록과 런북을 검토하세요 (docs/drills.md).", measured, (double) target, "s");
    }

    private static String words(long seconds) {
        return Durations.words(Duration.ofSeconds(seconds));
    }

    /** The finding's end when it is longer than {@code max}: the outcome's lines come last. */
    private static String newest(String finding, int max) {
        return finding.length() <= max ? finding : finding.substring(finding.length() - max);
    }

    private static String cut(String user) {
        return user == null || user.length() <= 100 ? user : user.substring(0, 100);
    }
}
