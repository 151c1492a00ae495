package dev.recoveryorchestrator.runbook.containerfailure;

import dev.recoveryorchestrator.action.HealthCheckSettings;
import dev.recoveryorchestrator.action.HealthProbe.Health;
import dev.recoveryorchestrator.action.HealthProbe;
import dev.recoveryorchestrator.action.TargetSettings;
import dev.recoveryorchestrator.config.ProcessVariables;
import dev.recoveryorchestrator.runbook.Findings;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_ConfirmContainerFailure} (증상 확인): before anything is stopped, removed or rebuilt, Type 4 confirms its
 * own symptom from what the diagnosis found — a service's container missing or not running ({@code docker ps}), or a
 * foreign process on one of the target's ports ("Port already in use"); with no container listing (no docker here),
 * {@code /api/health} failing on every {@code recovery.health-check.confirm} check. Sets {@code symptomConfirmed}.
 */
@Component("confirmContainerFailureDelegate")
class ConfirmContainerFailureDelegate implements JavaDelegate {

    private final HealthProbe probe;
    private final TargetSettings target;
    private final HealthCheckSettings settings;
    private final Findings findings;

    ConfirmContainerFailureDelegate(HealthProbe probe, TargetSettings target, HealthCheckSettings settings, Findings findings) {
        this.probe = probe;
        this.target = target;
        this.settings = settings;
        this.findings = findings;
    }

    @Override
    public void execute(DelegateExecution execution) throws InterruptedException {
        List<String> seen = new ArrayList<>();
        if (ProcessVariables.flag(execution, ContainerFailureVariables.CONTAINER_TROUBLE)) {
            seen.add("컨테이너 없음 또는 중지");
        }
        if (!ContainerFailureVariables.NO_CONFLICT.equals(ContainerFailureVariables.verdict(execution))) {
            seen.add("다른 프로세스가 포트 점유 (" + ContainerFailureVariables.holderDescription(execution) + ")");
        }
        if (seen.isEmpty() && !ProcessVariables.flag(execution, ContainerFailureVariables.LISTING_AVAILABLE)) {
            Health health = probe.checkRepeatedly(target.healthUrl(), settings.timeout(), settings.confirm());
            if (!health.healthy()) {
                seen.add("컨테이너 목록 없음, /api/health " + settings.confirm().attempts() + "회 모두 실패 - " + health.detail());
            }
        }
        boolean confirmed = !seen.isEmpty();
        findings.symptom(execution, confirmed, "증상 확인: " + (confirmed ? String.join("; ", seen)
                : "컨테이너 정상, 포트 충돌 없음, 증상 미확인"));
    }
}
