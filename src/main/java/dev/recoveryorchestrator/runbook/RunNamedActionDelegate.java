package dev.recoveryorchestrator.runbook;

import dev.recoveryorchestrator.action.ActionCatalog;
import dev.recoveryorchestrator.action.ActionResult;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Runs a named, short action inline — a diagnosis such as {@code ps aux | grep uvicorn} or {@code ip route show}
 * — and records its finding. The task names it with input parameters, so one delegate serves every runbook:
 * {@code action} (the name under {@code recovery.actions}), {@code step} (the runbook's words, 프로세스 확인), and
 * optionally {@code ifOutput} / {@code ifNoOutput}, the finding when the command printed something or nothing
 * (pgrep: 실행 중 / 실행 중이 아님). A command that fails or is not configured is a finding, never a failed job.
 * Sets {@code actionFound}: the action succeeded and printed something. Long or disruptive actions are not run
 * here: they are tracked (the catalog refuses them inline) and go through {@code run-action}.
 */
@Component("runNamedActionDelegate")
class RunNamedActionDelegate implements JavaDelegate {

    static final String FOUND = "actionFound";
    private final ActionCatalog actions;
    private final Findings findings;

    RunNamedActionDelegate(ActionCatalog actions, Findings findings) {
        this.actions = actions;
        this.findings = findings;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String action = required(execution, "action");
        String step = required(execution, "step");
        if (!actions.has(action)) {
            findings.record(execution, step, step + ": recovery.actions." + action + " 미설정");
            execution.setVariable(FOUND, false);
            return;
        }
        ActionResult result = actions.run(action);
        boolean found = result.succeeded() && !result.output().isBlank();
        String ifOutput = optional(execution, "ifOutput");
        String ifNoOutput = optional(execution, "ifNoOutput");
        String finding;
        if (ifOutput != null && found) {
            finding = step + ": " + ifOutput + " (" + result.output().strip() + ")";
        } else if (ifNoOutput != null && result.succeeded() && !found) {
            finding = step + ": " + ifNoOutput;
        } else {
            finding = step + ": " + result.summary();
        }
        findings.record(execution, step, finding);
        execution.setVariable(FOUND, found);
    }

    private static String required(DelegateExecution execution, String name) {
        String value = optional(execution, name);
        if (value == null) {
            throw new IllegalStateException(execution.getCurrentActivityId() + " needs the input parameter '" + name + "'");
        }
        return value;
    }

    private static String optional(DelegateExecution execution, String name) {
        Object value = execution.getVariableLocal(name);
        return value == null || value.toString().isBlank() ? null : value.toString();
    }
}
