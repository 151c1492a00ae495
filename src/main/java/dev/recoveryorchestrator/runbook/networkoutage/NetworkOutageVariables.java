package dev.recoveryorchestrator.runbook.networkoutage;

import dev.recoveryorchestrator.config.ProcessVariables;
import java.util.List;
import org.camunda.bpm.engine.delegate.VariableScope;

/** Typed access to the Type 3 runbook's own variables. */
final class NetworkOutageVariables {

    /** The service ports a firewall listing showed blocked, as {@code 8000,5173}; empty when none. */
    static final String FIREWALL_BLOCKED_PORTS = "firewallBlockedPorts";
    static final String FIREWALL_BLOCKED = "firewallBlocked";
    /** Whether the host's ports answered through its address at the last re-check. */
    static final String HOST_REACHABLE = "hostReachable";
    /** What the last re-check saw, so that only a change goes to the timeline. */
    static final String LAST_REACH = "lastReach";
    static final String FIREWALL_DECISION = "firewallDecision";
    static final String IT_NOTE = "itNote";

    private NetworkOutageVariables() {
    }

    static void firewallBlockedPorts(VariableScope scope, List<Integer> ports) {
        scope.setVariable(FIREWALL_BLOCKED_PORTS, String.join(",", ports.stream().map(String::valueOf).toList()));
        scope.setVariable(FIREWALL_BLOCKED, !ports.isEmpty());
    }

    static List<Integer> firewallBlockedPorts(VariableScope scope) {
        return ProcessVariables.commaList(scope, FIREWALL_BLOCKED_PORTS).stream()
                .filter(port -> port.matches("\\d{1,5}")).map(Integer::valueOf).toList();
    }

    static void hostReachable(VariableScope scope, boolean reachable) {
        scope.setVariable(HOST_REACHABLE, reachable);
    }

    static String lastReach(VariableScope scope) {
        return ProcessVariables.text(scope, LAST_REACH);
    }

    static void lastReach(VariableScope scope, String described) {
        scope.setVariable(LAST_REACH, described);
    }

    static String firewallDecision(VariableScope scope) {
        return ProcessVariables.text(scope, FIREWALL_DECISION).strip();
    }
}
