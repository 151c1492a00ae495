package dev.recoveryorchestrator.runbook.containerfailure;

import dev.recoveryorchestrator.action.ActionCatalog;
import dev.recoveryorchestrator.action.ActionResult;
import dev.recoveryorchestrator.runbook.Findings;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_ListVolumes} and {@code Task_CheckVolumes} (볼륨 확인, the runbook's {@code docker volume ls}): the
 * action {@code container-volumes} prints one volume name a line; each of the volumes the compose file names
 * ({@code recovery.runbook.container-failure.volumes}) must be among them. Sets {@code volumesPresent}; with no such
 * action configured, or no volume to check, there is nothing to miss. The task's input parameter {@code step} names
 * the timeline entry. Never creates or removes a volume: a missing one holds data a person must look for.
 */
@Component("checkVolumesDelegate")
class CheckVolumesDelegate implements JavaDelegate {

    static final String ACTION = "container-volumes";
    private final ActionCatalog actions;
    private final ContainerFailureSettings settings;
    private final Findings findings;

    CheckVolumesDelegate(ActionCatalog actions, ContainerFailureSettings settings, Findings findings) {
        this.actions = actions;
        this.settings = settings;
        this.findings = findings;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Object named = execution.getVariableLocal("step");
        String step = named == null ? "볼륨 확인" : named.toString();
        execution.setVariable(ContainerFailureVariables.VOLUMES_PRESENT, true);
        if (settings.volumes().isEmpty() || !actions.has(ACTION)) {
            findings.record(execution, step, step + ": 확인할 볼륨 없음 (recovery.runbook.container-failure.volumes, "
                    + "recovery.actions." + ACTION + ")");
            return;
        }
        ActionResult result = actions.run(ACTION);
        if (!result.succeeded()) {
            execution.setVariable(ContainerFailureVariables.VOLUMES_PRESENT, false);
            findings.record(execution, step, step + ": " + result.summary());
            return;
        }
        Set<String> present = result.output().lines().map(String::strip).collect(Collectors.toSet());
        List<String> missing = settings.volumes().stream().filter(volume -> !present.contains(volume)).toList();
        execution.setVariable(ContainerFailureVariables.VOLUMES_PRESENT, missing.isEmpty());
        findings.record(execution, step, step + ": " + (missing.isEmpty() ? "있음 " + settings.volumes()
                : "없음 " + missing + " (데이터 확인 필요)"));
    }
}
