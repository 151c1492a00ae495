package dev.recoveryorchestrator.inspection;

import dev.recoveryorchestrator.config.Durations;
import dev.recoveryorchestrator.config.LocalTimes;
import dev.recoveryorchestrator.notify.Audience;
import dev.recoveryorchestrator.notify.Notifier;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_Report} (점검 결과 보고): the inspection's results as a table on the Cockpit instance (variable
 * {@code inspectionTable}) and a Korean summary mail to the inspection group's contacts.
 */
@Component
class InspectionReportDelegate implements JavaDelegate {

    private final InspectionResults results;
    private final InspectionSettings settings;
    private final Notifier notifier;
    private final LocalTimes times;

    InspectionReportDelegate(InspectionResults results, InspectionSettings settings, Notifier notifier,
            LocalTimes times) {
        this.results = results;
        this.settings = settings;
        this.notifier = notifier;
        this.times = times;
    }

    @Override
    public void execute(DelegateExecution execution) {
        List<CheckResult> checks = results.ofInspection(execution.getProcessInstanceId()).stream()
                .map(InspectionResults.Recorded::result).toList();
        String kind = InspectionVariables.kind(execution);
        String title = ("monthly".equals(kind) ? "월간 점검 " : "주간 점검 ") + times.minute(dev.recoveryorchestrator.config.EngineClock.now());
        long passed = checks.stream().filter(CheckResult::passed).count();
        String summary = title + ": " + checks.size() + "개 항목 중 " + passed + "개 정상"
                + (passed == checks.size() ? "" : ", " + (checks.size() - passed) + "개 조치 필요 (Tasklist)");
        String drill = drillLine(execution);
        String table = InspectionTable.markdown(checks) + (drill == null ? "" : "\n\n" + drill);
        InspectionVariables.setText(execution, InspectionVariables.SUMMARY, summary);
        InspectionVariables.setText(execution, InspectionVariables.TABLE, table);
        StringBuilder text = new StringBuilder(summary).append("\n\n");
        for (CheckResult check : checks) {
            text.append("- ").append(check.title()).append(": ").append(check.status().korean()).append("\n  ")
                    .append(check.figures().replace("\n", "\n  ")).append("\n");
            if (!check.passed()) {
                text.append("  발견: ").append(check.finding()).append("\n  조치: ").append(check.advice()).append("\n");
            }
        }
        if (drill != null) {
            text.append("- ").append(drill).append("\n");
        }
        String note = InspectionVariables.text(execution, InspectionVariables.NOTE);
        String by = InspectionVariables.text(execution, InspectionVariables.REQUESTED_BY);
        if (by != null) {
            text.append("\n요청: ").append(by).append(note == null ? "" : " - " + note).append("\n");
        }
        notifier.sendWithoutIncident(Audience.tier(settings.group()), "report",
                Map.of("title", summary, "text", text.toString()));
    }

    /** The DR drill's outcome as the called {@code inspection-drill} returned it; null when no drill ran. */
    private static String drillLine(DelegateExecution execution) {
        Object outcome = execution.getVariable("drillOutcome");
        if (outcome == null) {
            return "monthly".equals(InspectionVariables.kind(execution)) ? "DR 훈련: 실행 안 함 (recovery.inspection.drill-enabled"
                    + " 또는 제한 시간 초과)" : null;
        }
        return "DR 훈련 (훈련): 결과 " + outcome + ", 복구 " + seconds(execution.getVariable("drillRecoverySeconds"))
                + " (RTO 목표 " + seconds(execution.getVariable("drillRtoTargetSeconds")) + "), 장애 "
                + execution.getVariable("drillIncidentId");
    }

    private static String seconds(Object value) {
        return value instanceof Number number ? Durations.words(Duration.ofSeconds(number.longValue())) : "-";
    }
}
