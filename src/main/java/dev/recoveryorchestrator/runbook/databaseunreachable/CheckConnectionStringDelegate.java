package dev.recoveryorchestrator.runbook.databaseunreachable;

import dev.recoveryorchestrator.action.HealthProbe;
import dev.recoveryorchestrator.runbook.Findings;
import java.io.IOException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_CheckConnectionString} (연결 문자열 확인, {@code echo $ACCESS_CONNECTION_STRING}): the variable in the
 * service's env file and whether its {@code Dbq=} is the configured database file. Sets {@code connectionState}.
 */
@Component("checkConnectionStringDelegate")
class CheckConnectionStringDelegate implements JavaDelegate {

    private final DatabaseChecks checks;
    private final Findings findings;

    CheckConnectionStringDelegate(DatabaseChecks checks, Findings findings) {
        this.checks = checks;
        this.findings = findings;
    }

    @Override
    public void execute(DelegateExecution execution) {
        DatabaseUnreachableSettings settings = checks.settings();
        String finding;
        String state;
        try {
            ConnectionStringFile.Check check = ConnectionStringFile.check(settings.envFile(),
                    settings.connectionStringVariable(), checks.databaseFile());
            state = check.state().name();
            finding = settings.connectionStringVariable() + " (" + settings.envFile() + "): " + check.state().korean
                    + (check.dbq().isEmpty() ? "" : " - Dbq=" + HealthProbe.oneLine(check.dbq()));
        } catch (IOException e) {
            state = ConnectionStringFile.State.FILE_MISSING.name();
            finding = settings.connectionStringVariable() + " (" + settings.envFile() + "): 읽기 실패 - " + e.getMessage();
        }
        findings.record(execution, "연결 문자열 확인", "연결 문자열 확인: " + finding);
        execution.setVariable(DatabaseUnreachableVariables.CONNECTION_STATE, state);
    }
}
