package dev.recoveryorchestrator.runbook.networkoutage;

import dev.recoveryorchestrator.action.ActionCatalog;
import dev.recoveryorchestrator.action.ActionResult;
import dev.recoveryorchestrator.action.HealthProbe;
import dev.recoveryorchestrator.runbook.Findings;
import dev.recoveryorchestrator.runbook.networkoutage.FirewallRules.Reading;
import dev.recoveryorchestrator.runbook.networkoutage.FirewallRules.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_CheckFirewall} (방화벽 확인; {@code iptables -L -n}, {@code ufw status}): runs each listing of
 * {@code recovery.runbook.network-outage.firewall.rule-actions} and reads what it says about the service ports
 * ({@link FirewallRules}). A tool that is missing, refused or not configured is a finding, never a failed step.
 * Sets {@code firewallBlockedPorts}: the ports a listing clearly shows blocked (empty when none), the only case in
 * which a person is asked to allow them.
 */
@Component("checkFirewallDelegate")
class CheckFirewallDelegate implements JavaDelegate {

    static final String STEP = "방화벽 확인";
    private final ActionCatalog actions;
    private final NetworkOutageSettings settings;
    private final HostReachability reachability;
    private final Findings findings;

    CheckFirewallDelegate(ActionCatalog actions, NetworkOutageSettings settings, HostReachability reachability,
            Findings findings) {
        this.actions = actions;
        this.settings = settings;
        this.reachability = reachability;
        this.findings = findings;
    }

    @Override
    public void execute(DelegateExecution execution) {
        List<Integer> ports = reachability.ports();
        TreeSet<Integer> blocked = new TreeSet<>();
        List<String> seen = new ArrayList<>();
        for (String action : settings.firewall().ruleActions()) {
            if (!actions.has(action)) {
                seen.add(action + " 미설정 (recovery.actions." + action + ")");
                continue;
            }
            ActionResult result = actions.run(action);
            if (!result.succeeded()) {
                seen.add(action + " 실행 불가 - 도구 없음 또는 거부 (exit " + result.exitCode() + "): "
                        + lastLine(result.output()));
                continue;
            }
            Reading reading = FirewallRules.read(result.output(), ports);
            reading.ports().forEach((port, verdict) -> {
                if (verdict == Verdict.BLOCKED) {
                    blocked.add(port);
                }
            });
            seen.add(action + " (" + reading.tool() + ", " + reading.note() + "): " + verdicts(reading.ports()));
        }
        String conclusion = blocked.isEmpty() ? "차단된 서비스 포트 확인되지 않음"
                : "차단된 서비스 포트 " + blocked + " - 허용하려면 승인 필요";
        findings.record(execution, STEP, STEP + ": " + String.join("; ", seen) + " => " + conclusion);
        NetworkOutageVariables.firewallBlockedPorts(execution, List.copyOf(blocked));
    }

    /** Where a tool says why it refused (ufw: "ERROR: You need to be root"), as one printable line. */
    private static String lastLine(String output) {
        List<String> lines = output.lines().filter(line -> !line.isBlank()).toList();
        return lines.isEmpty() ? "-" : HealthProbe.oneLine(lines.get(lines.size() - 1));
    }

    private static String verdicts(Map<Integer, Verdict> ports) {
        return ports.entrySet().stream().map(entry -> entry.getKey() + " " + switch (entry.getValue()) {
            case ALLOWED -> "허용";
            case BLOCKED -> "차단";
            case UNKNOWN -> "판단 불가";
        }).collect(Collectors.joining(", "));
    }
}
