package dev.recoveryorchestrator.runbook.containerfailure;

import dev.recoveryorchestrator.action.ActionCatalog;
import dev.recoveryorchestrator.action.InlineLimit;
import dev.recoveryorchestrator.action.ProcessTree;
import dev.recoveryorchestrator.action.TargetSettings;
import dev.recoveryorchestrator.runbook.Findings;
import dev.recoveryorchestrator.runbook.containerfailure.ContainerFailureVariables.Target;
import dev.recoveryorchestrator.runbook.containerfailure.StopPolicy.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_StopPortHolder} (포트 점유 프로세스 중지). The runbook says {@code kill -9 <PID>}; this sends SIGTERM,
 * waits {@code kill-grace}, then SIGKILL, and checks that the port is free. The pid in the variables is only what the
 * person approved: the port's listener is read again and judged again, and only that same process (same pid and
 * start time) is signalled, never a protected one. Sets {@code holderStopped}. Bounded: twice the grace plus two
 * listings (the {@code container-ports} action's timeout), held to {@code recovery.commands.inline-limit} at start-up.
 */
@Component("stopPortHolderDelegate")
class StopPortHolderDelegate implements JavaDelegate {

    static final String STEP = "포트 점유 프로세스 중지";
    private final PortHolders holders;
    private final StopPolicy policy;
    private final TargetSettings target;
    private final ContainerFailureSettings settings;
    private final Findings findings;

    StopPortHolderDelegate(PortHolders holders, StopPolicy policy, TargetSettings target,
            ContainerFailureSettings settings, Findings findings, InlineLimit limit, ActionCatalog actions) {
        this.holders = holders;
        this.policy = policy;
        this.target = target;
        this.settings = settings;
        this.findings = findings;
        Duration listing = actions.has(PortHolders.ACTION) ? actions.worstCase(PortHolders.ACTION) : Duration.ZERO;
        limit.require("recovery.runbook.container-failure.kill-grace", settings.killGrace().multipliedBy(2)
                .plus(listing.multipliedBy(2)), "A stop waits the grace after SIGTERM and again after SIGKILL, and lists "
                        + "the port's listeners (recovery.actions." + PortHolders.ACTION + ") before and after.");
    }

    @Override
    public void execute(DelegateExecution execution) throws InterruptedException {
        execution.setVariable(ContainerFailureVariables.HOLDER_STOPPED, false);
        Target wanted = ContainerFailureVariables.stopTarget(execution);
        if (wanted == null || !target.ports().contains(wanted.port())) {
            findings.record(execution, STEP, STEP + ": 중지할 프로세스 정보가 올바르지 않음, 중지하지 않음");
            return;
        }
        Optional<PortHolder> now = holders.list(target.ports()).holders().stream()
                .filter(holder -> holder.port() == wanted.port() && holder.pid() == wanted.pid()).findFirst();
        if (now.isEmpty()) {
            boolean free = !holders.held(wanted.port());
            execution.setVariable(ContainerFailureVariables.HOLDER_STOPPED, free);
            findings.record(execution, STEP, STEP + ": pid " + wanted.pid() + "는 포트 " + wanted.port()
                    + "에 더 이상 없음" + (free ? ", 포트 비어 있음" : ", 다른 프로세스가 점유 중"));
            return;
        }
        PortHolder holder = now.get();
        Verdict verdict = policy.judge(holder);
        if (verdict == Verdict.SERVICE || verdict == Verdict.PROTECTED
                || (wanted.startedMillis() != null && !wanted.startedMillis().equals(holder.startedMillis()))) {
            findings.record(execution, STEP, STEP + ": " + holder.describe() + " - 승인된 프로세스가 아니거나 보호 대상, 중지하지 않음");
            return;
        }
        ContainerFailureVariables.countStop(execution);
        String outcome = stop(holder);
        boolean free = !holders.held(holder.port());
        execution.setVariable(ContainerFailureVariables.HOLDER_STOPPED, free);
        findings.record(execution, STEP, STEP + ": " + holder.describe() + " - " + outcome
                + (free ? ", 포트 " + holder.port() + " 비어 있음" : ", 포트 " + holder.port() + " 아직 점유됨"));
    }

    /**
     * SIGTERM, the grace, SIGKILL, the grace again ({@link ProcessTree#terminate}, with the children it started);
     * only the process that started when the listing said.
     */
    private String stop(PortHolder holder) throws InterruptedException {
        Optional<ProcessHandle> found = ProcessHandle.of(holder.pid()).filter(p -> holder.startedMillis() == null
                || p.info().startInstant().map(Instant::toEpochMilli).map(holder.startedMillis()::equals).orElse(false));
        if (found.isEmpty()) {
            return "이미 종료됨";
        }
        return ProcessTree.terminate(found.get(), settings.killGrace())
                ? "SIGTERM 후 종료 (" + settings.killGrace() + " 안에 끝나지 않으면 SIGKILL)"
                : "SIGKILL 후에도 종료되지 않음 (권한?)";
    }
}
