package dev.recoveryorchestrator.inspection.backup;

import dev.recoveryorchestrator.config.ProcessVariables;
import dev.recoveryorchestrator.inspection.Inspections;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;

/**
 * The variables of {@code backup-daily}, read and written only here: simple values Cockpit shows as they are.
 * {@code backupSummary} is the one-line Korean result; {@code backupFindings} what went wrong, a line each.
 */
final class DailyBackupVariables {

    static final String PROCESS = Inspections.DAILY_BACKUP;
    static final String SUMMARY = "backupSummary";
    static final String FILE = "backupFile";
    static final String VERIFIED = "backupVerified";
    static final String FAILED = "backupFailed";
    static final String FINDINGS = "backupFindings";
    static final String ADVICE = "backupAdvice";
    static final String RETENTION = "retentionDeleted";
    static final String MANIFESTS = "manifestsWritten";
    static final String TASK_LAPSED = "backupTaskLapsed";

    private DailyBackupVariables() {
    }

    static boolean verified(DelegateExecution execution) {
        return ProcessVariables.flag(execution, VERIFIED);
    }

    static String text(DelegateExecution execution, String name) {
        return ProcessVariables.text(execution, name);
    }

    /** Adds findings: the run counts as failed from then on, and its failure time is kept for the task's lapse. */
    static void fail(DelegateExecution execution, List<String> findings, String advice) {
        if (findings.isEmpty()) {
            return;
        }
        List<String> all = new ArrayList<>();
        String before = text(execution, FINDINGS);
        if (!before.isEmpty()) {
            all.add(before);
        }
        all.addAll(findings);
        execution.setVariable(FINDINGS, String.join("\n", all));
        String adviceBefore = text(execution, ADVICE);
        execution.setVariable(ADVICE, adviceBefore.isEmpty() ? advice : adviceBefore + "\n" + advice);
        if (!Boolean.TRUE.equals(execution.getVariable(FAILED))) {
            execution.setVariable(FAILED, true);
            execution.setVariable(BackupSchedule.FAILED_AT, Date.from(dev.recoveryorchestrator.config.EngineClock.now()));
        }
    }

    /** Appends a part to the one-line summary. */
    static void summarize(DelegateExecution execution, String part) {
        String before = text(execution, SUMMARY);
        execution.setVariable(SUMMARY, before.isEmpty() ? part : before + "; " + part);
    }
}
