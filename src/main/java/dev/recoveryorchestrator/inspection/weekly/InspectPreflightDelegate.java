package dev.recoveryorchestrator.inspection.weekly;

import dev.recoveryorchestrator.inspection.CheckResult;
import dev.recoveryorchestrator.inspection.InspectionSteps;
import dev.recoveryorchestrator.preflight.Preflight;
import dev.recoveryorchestrator.preflight.PreflightRow;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_CheckPreflight} (사전 점검): every prerequisite of every deployed runbook, as {@code GET /api/preflight}
 * shows it; a gap fails the check with the rows that are not in place and what to do, so a missing folder or an unset
 * commit becomes a DevOps task in the week it appears, not on the night it is needed.
 */
@Component
class InspectPreflightDelegate implements JavaDelegate {

    static final String PREFLIGHT = "preflight";
    private static final String TITLE = "사전 점검 (런북 전제 조건)";
    private static final int MAX_TEXT = 19_000;
    private static final int MAX_ADVICE = 1_900;

    private final InspectionSteps steps;
    private final Preflight preflight;

    InspectPreflightDelegate(InspectionSteps steps, Preflight preflight) {
        this.steps = steps;
        this.preflight = preflight;
    }

    @Override
    public void execute(DelegateExecution execution) {
        steps.run(execution, PREFLIGHT, TITLE, this::check);
    }

    CheckResult check() {
        Preflight.Report report = preflight.run();
        List<PreflightRow> gaps = report.gaps();
        String figures = "전제 조건 " + report.rows().size() + "개 중 정상 " + (report.rows().size() - gaps.size())
                + "개 (사용자 " + report.user() + ", 프로필 " + report.profiles() + ")";
        if (gaps.isEmpty()) {
            return CheckResult.pass(PREFLIGHT, TITLE, figures, 0.0, 0.0, "gaps");
        }
        String finding = cut(String.join("\n", gaps.stream().map(row -> row.status() + ": " + row.runbook() + " / "
                + row.step() + " — " + row.needs() + ": " + row.detail()).toList()), MAX_TEXT);
        String advice = cut("GET /api/preflight 의 표 참고. " + String.join("; ", gaps.stream().map(PreflightRow::todo)
                .distinct().toList()), MAX_ADVICE);
        return CheckResult.fail(PREFLIGHT, TITLE, figures, finding, advice, (double) gaps.size(), 0.0, "gaps");
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
