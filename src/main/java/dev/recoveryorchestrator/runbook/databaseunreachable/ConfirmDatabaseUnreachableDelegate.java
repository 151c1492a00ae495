package dev.recoveryorchestrator.runbook.databaseunreachable;

import static dev.recoveryorchestrator.config.ProcessVariables.text;

import dev.recoveryorchestrator.action.AccessFiles;
import dev.recoveryorchestrator.action.Attempts;
import dev.recoveryorchestrator.action.HealthCheckSettings;
import dev.recoveryorchestrator.action.HealthProbe.Answer;
import dev.recoveryorchestrator.runbook.Findings;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_ConfirmDatabaseUnreachable} (증상 확인): before any file is moved, Type 2 confirms its own symptom —
 * the configured predict request fails with a configured status or pattern on every one of
 * {@code recovery.health-check.confirm.attempts} tries — and chooses the recovery from what the diagnosis found, so
 * that a restore never replaces a healthy file because of one 500:
 * <ul>
 * <li>share not mounted or not readable, or the file not readable/writable: {@code unusable} (read-only mode, then
 *     a person: a restore would not help, and onto an unmounted share it would write to the local disk);
 * <li>file missing or damaged: {@code restore};
 * <li>file fine but the connection string wrong or missing: {@code fix-connection} (the env file, not a restore);
 * <li>file fine, string right, still failing: {@code manual} (a person, with the findings).
 * </ul>
 * Sets {@code symptomConfirmed} and {@code databaseRecovery}; before the RTO fallback's question (input parameter
 * {@code fallback=true}) only {@code symptomConfirmed}: the recovery already under way keeps its route.
 */
@Component("confirmDatabaseUnreachableDelegate")
class ConfirmDatabaseUnreachableDelegate implements JavaDelegate {

    private final DatabaseChecks checks;
    private final Findings findings;

    ConfirmDatabaseUnreachableDelegate(DatabaseChecks checks, Findings findings) {
        this.checks = checks;
        this.findings = findings;
    }

    @Override
    public void execute(DelegateExecution execution) throws InterruptedException {
        HealthCheckSettings.Retry confirm = checks.healthSettings().confirm();
        Answer answer = Attempts.until(confirm, checks::predictAnswer, seen -> !checks.showsSymptom(seen)).last();
        boolean failing = checks.showsSymptom(answer);
        String recovery = recovery(text(execution, DatabaseUnreachableVariables.SHARE_STATE),
                text(execution, DatabaseUnreachableVariables.DATABASE_STATE),
                text(execution, DatabaseUnreachableVariables.CONNECTION_STATE));
        if (!"true".equals(execution.getVariableLocal("fallback"))) {
            execution.setVariable(DatabaseUnreachableVariables.RECOVERY, recovery);
        }
        if (execution.getVariable(DatabaseUnreachableVariables.READ_ONLY_ON) == null) {
            execution.setVariable(DatabaseUnreachableVariables.READ_ONLY_ON, false);
        }
        String request = checks.settings().predict().method() + " " + checks.settings().predict().path();
        findings.symptom(execution, failing, "증상 확인: " + (failing
                ? request + " " + confirm.attempts() + "회 모두 실패 - " + answer.detail() + " → 복구 방법: " + korean(recovery)
                : request + " 데이터베이스 오류 아님, 증상 미확인 - " + answer.detail()));
    }

    static String recovery(String share, String database, String connection) {
        if (share.equals(ShareMount.State.NOT_MOUNTED.name()) || share.equals(ShareMount.State.NOT_READABLE.name())
                || database.equals(AccessFiles.State.NO_PERMISSION.name())) {
            return "unusable";
        }
        if (database.equals(AccessFiles.State.MISSING.name()) || database.equals(AccessFiles.State.DAMAGED.name())) {
            return "restore";
        }
        if (!connection.isEmpty() && ConnectionStringFile.State.valueOf(connection).fixable()) {
            return "fix-connection";
        }
        return "manual";
    }

    private static String korean(String recovery) {
        return switch (recovery) {
            case "unusable" -> "사용 불가 (읽기 전용 모드 후 수동 복구)";
            case "restore" -> "백업 복원";
            case "fix-connection" -> "연결 문자열 재설정";
            default -> "수동 복구 (파일과 연결 문자열은 정상)";
        };
    }
}
