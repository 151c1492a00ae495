package dev.recoveryorchestrator.runbook.databaseunreachable;

import dev.recoveryorchestrator.runbook.Findings;
import java.io.IOException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_FixConnectionString} (연결 문자열 재설정, {@code export ACCESS_CONNECTION_STRING=...}): the env file's
 * {@code Dbq=} set to the configured database file, every other line kept, by copy and atomic move. The path written
 * is the configuration's, never a value read from the file or a form.
 */
@Component("fixConnectionStringDelegate")
class FixConnectionStringDelegate implements JavaDelegate {

    static final String STEP = "연결 문자열 재설정";
    private final DatabaseChecks checks;
    private final Findings findings;

    FixConnectionStringDelegate(DatabaseChecks checks, Findings findings) {
        this.checks = checks;
        this.findings = findings;
    }

    @Override
    public void execute(DelegateExecution execution) throws IOException {
        DatabaseUnreachableSettings settings = checks.settings();
        ConnectionStringFile.fix(settings.envFile(), settings.connectionStringVariable(), settings.driver(),
                checks.databaseFile());
        DatabaseUnreachableVariables.recoveryMethod(execution, STEP);
        findings.record(execution, STEP, STEP + ": " + settings.envFile() + " 의 " + settings.connectionStringVariable()
                + " Dbq=" + checks.databaseFile().toAbsolutePath().normalize() + " (다른 줄은 그대로)");
    }
}
