package dev.recoveryorchestrator.runbook.backendapidown;

import dev.recoveryorchestrator.action.PortProbe;
import dev.recoveryorchestrator.action.TargetSettings;
import dev.recoveryorchestrator.runbook.Findings;
import java.time.Duration;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code Task_CheckBackendPort} (포트 상태 확인, {@code ss -tlnp | grep 8000}): does the backend port accept connections. */
@Component("checkBackendPortDelegate")
class CheckBackendPortDelegate implements JavaDelegate {

    private final TargetSettings target;
    private final PortProbe ports;
    private final Findings findings;

    CheckBackendPortDelegate(TargetSettings target, PortProbe ports, Findings findings) {
        this.target = target;
        this.ports = ports;
        this.findings = findings;
    }

    @Override
    public void execute(DelegateExecution execution) {
        boolean listening = ports.listening(target.host(), target.backendPort(), Duration.ofSeconds(1));
        findings.record(execution, "포트 상태 확인", "포트 상태 확인: " + target.host() + ":" + target.backendPort()
                + (listening ? " LISTEN" : " 응답 없음"));
    }
}
