package dev.recoveryorchestrator.runbook.backendapidown;

import dev.recoveryorchestrator.config.ProcessVariables;
import org.camunda.bpm.engine.delegate.VariableScope;

/** Typed access to the Type 1 runbook's own variables. */
final class BackendApiDownVariables {

    static final String LOG_OFFSET = "logOffset";
    static final String LOG_CLEAN = "logClean";
    static final String RECOVERY_METHOD = "recoveryMethod";
    static final String LOG_PROBLEM = "logProblem";

    private BackendApiDownVariables() {
    }


    static long logOffset(VariableScope scope) {
        Object offset = scope.getVariable(LOG_OFFSET);
        return offset == null ? 0L : ((Number) offset).longValue();
    }

    static void logClean(VariableScope scope, boolean clean) {
        scope.setVariable(LOG_CLEAN, clean);
    }

    /** The last recovery step taken (서비스 재시작, 롤백): what brought the service back if the log stays clean. */
    static void recoveryMethod(VariableScope scope, String step) {
        scope.setVariable(RECOVERY_METHOD, step);
    }

    static String recoveryMethod(VariableScope scope) {
        return ProcessVariables.text(scope, RECOVERY_METHOD, "-");
    }

    /** What the log watch found wrong (error lines, a log that cannot be read): data, shown as it is. */
    static void logProblem(VariableScope scope, String problem) {
        scope.setVariable(LOG_PROBLEM, problem);
    }

    static String logProblem(VariableScope scope) {
        return ProcessVariables.text(scope, LOG_PROBLEM, "-");
    }
}
