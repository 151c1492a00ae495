package dev.recoveryorchestrator.runbook.networkoutage;

import dev.recoveryorchestrator.runbook.Findings;
import dev.recoveryorchestrator.runbook.networkoutage.HostReachability.Reach;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_CheckHostPorts} (로컬 네트워크 확인; the runbook's {@code ping 10.204.2.28}): TCP connections to the host's
 * service ports through its address and on loopback, and ICMP only where the configuration allows it.
 */
@Component("checkHostPortsDelegate")
class CheckHostPortsDelegate implements JavaDelegate {

    static final String STEP = "로컬 네트워크 확인";
    private final HostReachability reachability;
    private final Findings findings;

    CheckHostPortsDelegate(HostReachability reachability, Findings findings) {
        this.reachability = reachability;
        this.findings = findings;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Reach reach = reachability.reach();
        findings.record(execution, STEP, STEP + ": " + reach.describe() + "; " + reachability.ping());
    }
}
