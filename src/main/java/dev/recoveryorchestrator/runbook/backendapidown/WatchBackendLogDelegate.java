package dev.recoveryorchestrator.runbook.backendapidown;

import dev.recoveryorchestrator.action.LogFiles;
import dev.recoveryorchestrator.action.LogFiles.LogRead;
import dev.recoveryorchestrator.action.TargetSettings;
import dev.recoveryorchestrator.runbook.Findings;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_ScanBackendLog} (로그 모니터링, process {@code backend-log-watch}): error lines written since the restart;
 * sets {@code logClean}. A log that is missing or cannot be read is not clean: nobody has seen it, so a person decides
 * (a relapse opens, {@link BackendLogRelapseDelegate}).
 */
@Component("watchBackendLogDelegate")
class WatchBackendLogDelegate implements JavaDelegate {

    private final TargetSettings target;
    private final BackendApiDownSettings settings;
    private final Findings findings;

    WatchBackendLogDelegate(TargetSettings target, BackendApiDownSettings settings, Findings findings) {
        this.target = target;
        this.settings = settings;
        this.findings = findings;
    }

    @Override
    public void execute(DelegateExecution execution) {
        LogRead log = LogFiles.errorsSince(target.logFile(), BackendApiDownVariables.logOffset(execution),
                settings.errorPattern());
        List<String> errors = log.lines();
        findings.record(execution, "로그 모니터링", "로그 모니터링 (" + settings.logWatch() + "): " + (log.failed()
                ? log.problem()
                : errors.isEmpty() ? "오류 없음" : "오류 " + errors.size() + "줄, 마지막: " + errors.get(errors.size() - 1)));
        boolean clean = !log.failed() && errors.isEmpty();
        BackendApiDownVariables.logClean(execution, clean);
        if (!clean) {
            BackendApiDownVariables.logProblem(execution, log.failed() ? log.problem()
                    : "오류 " + errors.size() + "줄, 마지막: " + errors.get(errors.size() - 1));
        }
    }
}
