package dev.recoveryorchestrator.runbook.networkoutage;

import dev.recoveryorchestrator.action.HealthProbe.Health;
import dev.recoveryorchestrator.action.PortProbe;
import dev.recoveryorchestrator.action.TargetSettings;
import dev.recoveryorchestrator.incident.FailureType;
import dev.recoveryorchestrator.incident.RecoveryCheck;
import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Whether the service's ports answer through the host's address, next to whether they answer on loopback: the
 * question Type 3 asks in its diagnosis, its recovery loop and, as the lifecycle's {@link RecoveryCheck}, in the
 * lifecycle's health watch and verification. For a network outage {@code /api/health} on loopback answers all
 * along, so it cannot say the outage is over; the host's ports answering again can.
 */
@Component
class HostReachability implements RecoveryCheck {

    private final NetworkOutageSettings settings;
    private final TargetSettings target;
    private final PortProbe ports;

    HostReachability(NetworkOutageSettings settings, TargetSettings target, PortProbe ports) {
        this.settings = settings;
        this.target = target;
        this.ports = ports;
    }

    /** One look at every configured port, on loopback and through the host's address. */
    Reach reach() {
        List<Integer> local = new ArrayList<>();
        List<Integer> viaHost = new ArrayList<>();
        for (int port : ports()) {
            if (ports.listening(settings.loopback(), port, settings.connectTimeout())) {
                local.add(port);
            }
            if (ports.listening(host(), port, settings.connectTimeout())) {
                viaHost.add(port);
            }
        }
        return new Reach(host(), settings.loopback(), ports(), local, viaHost);
    }

    /**
     * ICMP echo to the host, only where the configuration allows it ({@code icmp}); without the privilege for ICMP
     * the JDK tries TCP port 7 instead, which the finding then says.
     */
    String ping() {
        if (!settings.icmp()) {
            return "ICMP 확인 안 함 (recovery.runbook.network-outage.icmp=false, 서비스 포트의 TCP 연결로 확인)";
        }
        try {
            boolean answered = InetAddress.getByName(host()).isReachable((int) settings.connectTimeout().toMillis());
            return "ping " + host() + ": " + (answered ? "응답" : "응답 없음 (" + settings.connectTimeout() + ")");
        } catch (IOException e) {
            return "ping " + host() + ": 확인 불가 (" + e.getClass().getSimpleName() + ")";
        }
    }

    String host() {
        String host = settings.host().isBlank() ? target.host() : settings.host();
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    List<Integer> ports() {
        return settings.ports().isEmpty() ? target.ports() : settings.ports();
    }

    @Override
    public FailureType type() {
        return FailureType.NETWORK_OUTAGE;
    }

    /** Recovered when the host's address answers on every port that answers on loopback (and on one at least). */
    @Override
    public Health look() {
        Reach reach = reach();
        return new Health(reach.restored(), reach.describe());
    }

    /**
     * What one look saw.
     *
     * @param local ports that answer on {@code loopback}
     * @param viaHost ports that answer through {@code host}
     */
    record Reach(String host, String loopback, List<Integer> ports, List<Integer> local, List<Integer> viaHost) {

        /** The network symptom: the service answers here, and none of what answers here answers through the host. */
        boolean cut() {
            return !local.isEmpty() && local.stream().noneMatch(viaHost::contains);
        }

        /** The host's address answers again on every port that answers locally. */
        boolean restored() {
            return !viaHost.isEmpty() && viaHost.containsAll(local);
        }

        List<Integer> unreachable() {
            return ports.stream().filter(port -> !viaHost.contains(port)).toList();
        }

        String describe() {
            return host + " 경유 응답 " + viaHost + ", 응답 없음 " + unreachable() + " / " + loopback + " 응답 " + local
                    + ", 응답 없음 " + ports.stream().filter(port -> !local.contains(port)).toList();
        }
    }
}
