package dev.recoveryorchestrator.runbook.databaseunreachable;

import dev.recoveryorchestrator.action.AccessFiles;
import dev.recoveryorchestrator.runbook.Findings;
import java.io.IOException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_VerifyDatabase} (데이터베이스 검증): before read-only mode is switched off, the database file opens with
 * Jackcess and the connection string names it (or is not checked). Sets {@code databaseVerified}.
 */
@Component("verifyDatabaseDelegate")
class VerifyDatabaseDelegate implements JavaDelegate {

    private final DatabaseChecks checks;
    private final Findings findings;

    VerifyDatabaseDelegate(DatabaseChecks checks, Findings findings) {
        this.checks = checks;
        this.findings = findings;
    }

    @Override
    public void execute(DelegateExecution execution) {
        AccessFiles.Contents contents = AccessFiles.open(checks.databaseFile());
        ConnectionStringFile.State connection;
        try {
            connection = ConnectionStringFile.check(checks.settings().envFile(),
                    checks.settings().connectionStringVariable(), checks.databaseFile()).state();
        } catch (IOException e) {
            connection = ConnectionStringFile.State.FILE_MISSING;
        }
        boolean verified = contents.state() == AccessFiles.State.FINE
                && (connection == ConnectionStringFile.State.RIGHT_FILE || connection == ConnectionStringFile.State.NOT_CONFIGURED);
        findings.record(execution, "데이터베이스 검증", "데이터베이스 검증: " + (verified ? "통과" : "실패") + " - "
                + contents.describe() + ", 연결 문자열 " + connection.korean);
        execution.setVariable(DatabaseUnreachableVariables.DATABASE_VERIFIED, verified);
    }
}
