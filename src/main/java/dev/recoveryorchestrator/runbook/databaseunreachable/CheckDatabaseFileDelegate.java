package dev.recoveryorchestrator.runbook.databaseunreachable;

import dev.recoveryorchestrator.action.AccessFiles;
import dev.recoveryorchestrator.runbook.Findings;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_CheckDatabaseFile} (파일 존재 및 권한 확인, {@code ls -la}, {@code stat}): does the .accdb exist, can it
 * be read and written (by the orchestrator's user; owner and mode show the service's), and its size.
 */
@Component("checkDatabaseFileDelegate")
class CheckDatabaseFileDelegate implements JavaDelegate {

    private final DatabaseChecks checks;
    private final Findings findings;

    CheckDatabaseFileDelegate(DatabaseChecks checks, Findings findings) {
        this.checks = checks;
        this.findings = findings;
    }

    @Override
    public void execute(DelegateExecution execution) {
        AccessFiles.Stat stat = AccessFiles.stat(checks.databaseFile());
        findings.record(execution, "파일 확인", "파일 확인: " + checks.databaseFile() + " - " + stat.describe());
    }
}
