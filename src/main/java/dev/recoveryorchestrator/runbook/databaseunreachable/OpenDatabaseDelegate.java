package dev.recoveryorchestrator.runbook.databaseunreachable;

import dev.recoveryorchestrator.action.AccessFiles;
import dev.recoveryorchestrator.runbook.Findings;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_OpenDatabase} (데이터베이스 열기): opens the .accdb read-only with Jackcess and lists its tables, so that
 * missing, no permission, damaged and fine are told apart. Sets {@code databaseState}.
 */
@Component("openDatabaseDelegate")
class OpenDatabaseDelegate implements JavaDelegate {

    private final DatabaseChecks checks;
    private final Findings findings;

    OpenDatabaseDelegate(DatabaseChecks checks, Findings findings) {
        this.checks = checks;
        this.findings = findings;
    }

    @Override
    public void execute(DelegateExecution execution) {
        AccessFiles.Contents contents = AccessFiles.open(checks.databaseFile());
        findings.record(execution, "데이터베이스 열기", "데이터베이스 열기 (Jackcess): " + contents.describe());
        execution.setVariable(DatabaseUnreachableVariables.DATABASE_STATE, contents.state().name());
    }
}
