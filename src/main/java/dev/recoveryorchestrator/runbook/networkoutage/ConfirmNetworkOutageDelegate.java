package dev.recoveryorchestrator.runbook.networkoutage;

import dev.recoveryorchestrator.action.Attempts;
import dev.recoveryorchestrator.action.HealthCheckSettings;
import dev.recoveryorchestrator.action.HealthProbe;
import dev.recoveryorchestrator.action.HealthProbe.Health;
import dev.recoveryorchestrator.action.TargetSettings;
import dev.recoveryorchestrator.runbook.Findings;
import java.net.URI;
import java.net.URISyntaxException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_ConfirmNetworkOutage} (증상 확인), the symptom confirmation: the service's health on
 * loopback against its health through the host's address, {@code recovery.health-check.confirm.attempts} times.
 * Healthy locally and unreachable through the host on every try means the network, not the service: the incident
 * says so. The host answering on any try, or the service failing locally too (then it is the service, Type 1), is
 * not confirmed, and a person triages. Both addresses come from configuration; only the host part of the health
 * URL is replaced.
 */
@Component("confirmNetworkOutageDelegate")
class ConfirmNetworkOutageDelegate implements JavaDelegate {

    private final HealthProbe probe;
    private final TargetSettings target;
    private final HealthCheckSettings settings;
    private final HostReachability reachability;
    private final NetworkOutageSettings network;
    private final Findings findings;

    ConfirmNetworkOutageDelegate(HealthProbe probe, TargetSettings target, HealthCheckSettings settings,
            HostReachability reachability, NetworkOutageSettings network, Findings findings) {
        this.probe = probe;
        this.target = target;
        this.settings = settings;
        this.reachability = reachability;
        this.network = network;
        this.findings = findings;
    }

    @Override
    public void execute(DelegateExecution execution) throws InterruptedException {
        URI local = at(network.loopback());
        URI viaHost = at(reachability.host());
        int attempts = settings.confirm().attempts();
        Sides seen = Attempts.until(settings.confirm(),
                () -> new Sides(probe.check(local, settings.timeout()), probe.check(viaHost, settings.timeout())),
                sides -> !sides.here().healthy() || sides.there().healthy()).last();
        Health here = seen.here();
        Health there = seen.there();
        boolean network = here.healthy() && !there.healthy();
        String finding;
        if (network) {
            finding = "네트워크 장애 확인: 서비스는 로컬(" + local + ")에서 정상, 호스트 주소(" + viaHost + ")로는 " + attempts
                    + "회 모두 접속 불가 - 서비스가 아니라 네트워크 문제 (" + there.detail() + ")";
        } else if (!here.healthy()) {
            finding = "증상 미확인: 서비스가 로컬(" + local + ")에서도 응답하지 않음 - 네트워크가 아니라 서비스 문제일 수 있음"
                    + " (Type 1 재분류 검토): " + here.detail();
        } else {
            finding = "증상 미확인: 호스트 주소(" + viaHost + ")로 정상 응답 - " + there.detail();
        }
        findings.symptom(execution, network, finding);
    }

    /** One look: the health on loopback and through the host's address. */
    private record Sides(Health here, Health there) {
    }

    private URI at(String host) {
        URI health = target.healthUrl();
        try {
            return new URI(health.getScheme(), null, host, health.getPort(), health.getPath(), health.getQuery(), null);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("recovery.runbook.network-outage: cannot put host '" + host
                    + "' into recovery.target.health-url", e);
        }
    }
}
