package dev.recoveryorchestrator.runbook.containerfailure;

import dev.recoveryorchestrator.action.TargetSettings;
import dev.recoveryorchestrator.runbook.Findings;
import dev.recoveryorchestrator.runbook.containerfailure.PortHolders.Listing;
import dev.recoveryorchestrator.runbook.containerfailure.StopPolicy.Verdict;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_FindPortHolders} (포트 점유 확인, the runbook's {@code lsof -i :5173} / {@code ss -tlnp}): who listens
 * on each of {@code recovery.target.ports}, with pid, command line and user, and the verdict on the first foreign one
 * ({@link StopPolicy}). A protected holder, or more stops than {@code max-stops} in this incident, hands over to a
 * person. Also {@code Task_RecheckPortHolders} after a stop: the next holder, if any.
 */
@Component("findPortHoldersDelegate")
class FindPortHoldersDelegate implements JavaDelegate {

    static final String STEP = "포트 점유 확인";
    private final PortHolders holders;
    private final StopPolicy policy;
    private final TargetSettings target;
    private final ContainerFailureSettings settings;
    private final Findings findings;

    FindPortHoldersDelegate(PortHolders holders, StopPolicy policy, TargetSettings target,
            ContainerFailureSettings settings, Findings findings) {
        this.holders = holders;
        this.policy = policy;
        this.target = target;
        this.settings = settings;
        this.findings = findings;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Listing listing = holders.list(target.ports());
        ContainerFailureVariables.holder(execution, ContainerFailureVariables.NO_CONFLICT, null);
        if (listing.unavailable() != null) {
            findings.record(execution, STEP, STEP + ": " + listing.unavailable());
            return;
        }
        if (listing.holders().isEmpty()) {
            findings.record(execution, STEP, STEP + ": 포트 " + target.ports() + " 모두 비어 있음");
            return;
        }
        PortHolder chosen = null;
        Verdict chosenVerdict = null;
        for (PortHolder holder : listing.holders()) {
            Verdict verdict = policy.judge(holder);
            findings.record(execution, STEP, STEP + ": " + holder.describe() + " - " + korean(verdict));
            if (verdict != Verdict.SERVICE && (chosen == null || verdict == Verdict.PROTECTED)) {
                chosen = holder;
                chosenVerdict = verdict;
            }
        }
        if (chosen == null) {
            return;
        }
        String verdict = chosenVerdict.value;
        if (chosenVerdict == Verdict.PROTECTED) {
            verdict = ContainerFailureVariables.MANUAL;
        } else if (ContainerFailureVariables.stops(execution) >= settings.maxStops()) {
            verdict = ContainerFailureVariables.MANUAL;
            findings.record(execution, STEP, STEP + ": 이 장애에서 이미 " + settings.maxStops()
                    + "개 프로세스를 중지함 (recovery.runbook.container-failure.max-stops), 담당자 확인 필요");
        }
        ContainerFailureVariables.holder(execution, verdict, chosen);
    }

    static String korean(Verdict verdict) {
        return switch (verdict) {
            case SERVICE -> "서비스 자체 프로세스";
            case PROTECTED -> "보호 대상 (중지하지 않음)";
            case ALLOWED -> "허용 목록: 승인 없이 중지";
            case APPROVAL -> "다른 프로세스: 중지하려면 승인 필요";
        };
    }
}
