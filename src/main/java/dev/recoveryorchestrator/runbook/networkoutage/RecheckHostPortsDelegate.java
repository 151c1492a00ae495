package dev.recoveryorchestrator.runbook.networkoutage;

import dev.recoveryorchestrator.incident.IncidentVariables;
import dev.recoveryorchestrator.runbook.Findings;
import dev.recoveryorchestrator.runbook.networkoutage.HostReachability.Reach;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_RecheckHostPorts} (호스트 포트 재확인, every {@code recheck-interval}) and {@code Task_RecheckAfterIt}
 * (IT 조치 후 재확인, when IT completes its task): recovery is the host's ports answering again through its address,
 * never anyone's word. Sets {@code hostReachable}; when they answer, the step (its input parameter {@code step}) is
 * what recovered the service. Only a change of what it sees goes to the timeline, so hours of re-checks stay short.
 */
@Component("recheckHostPortsDelegate")
class RecheckHostPortsDelegate implements JavaDelegate {

    private final HostReachability reachability;
    private final Findings findings;

    RecheckHostPortsDelegate(HostReachability reachability, Findings findings) {
        this.reachability = reachability;
        this.findings = findings;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Object input = execution.getVariableLocal("step");
        String step = input == null ? "호스트 포트 재확인" : input.toString();
        Reach reach = reachability.reach();
        boolean restored = reach.restored();
        String seen = reach.describe();
        if (restored) {
            findings.record(execution, step, step + ": 호스트 주소로 다시 응답 - 복구 확인 (" + seen + ")");
            IncidentVariables.setRecoveredBy(execution, step + " (호스트 주소 포트 응답)");
        } else if (!seen.equals(NetworkOutageVariables.lastReach(execution))) {
            findings.record(execution, step, step + ": 아직 호스트 주소로 접속 불가 (" + seen + ")");
        }
        NetworkOutageVariables.lastReach(execution, seen);
        NetworkOutageVariables.hostReachable(execution, restored);
    }
}
