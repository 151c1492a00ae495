package dev.recoveryorchestrator.inspection.monthly;

import dev.recoveryorchestrator.config.ProcessVariables;
import dev.recoveryorchestrator.inspection.CheckResult;
import dev.recoveryorchestrator.inspection.InspectionResults;
import dev.recoveryorchestrator.inspection.InspectionVariables;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * On complete of {@code Task_ReviewRunbook} (런북 문서 검토): records the review, with the reviewer's answer to
 * "up to date?" ({@code runbookUpToDate}) and the note ({@code runbookNote}) as text.
 */
@Component
class RunbookReviewListener implements TaskListener {

    static final String CHECK = "runbook-review";
    static final String TITLE = "런북 문서 검토";

    private final InspectionResults results;

    RunbookReviewListener(InspectionResults results) {
        this.results = results;
    }

    @Override
    public void notify(DelegateTask task) {
        boolean upToDate = ProcessVariables.flag(task, "runbookUpToDate");
        String text = ProcessVariables.text(task, "runbookNote").strip();
        String by = task.getAssignee() == null ? "" : " (" + task.getAssignee() + ")";
        String figures = "런북 검토" + by + ": " + (upToDate ? "최신" : "수정 필요") + (text.isEmpty() ? "" : " - " + text);
        results.record(task.getProcessInstanceId(), InspectionVariables.kind(task), upToDate
                ? CheckResult.pass(CHECK, TITLE, figures, null, null, null)
                : CheckResult.fail(CHECK, TITLE, figures, "런북 수정 필요: " + text,
                        "RUNBOOK.md 와 docs/runbooks/ 를 고치고 다음 월간 점검에서 확인", null, null, null));
    }
}
