package dev.recoveryorchestrator.runbook.networkoutage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recoveryorchestrator.HostileValues;
import dev.recoveryorchestrator.runbook.networkoutage.FirewallRules.Reading;
import dev.recoveryorchestrator.runbook.networkoutage.FirewallRules.Verdict;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What {@code ufw status} and {@code iptables -L -n} listings say about the service ports, read as data. */
class FirewallRulesTest {

    static final List<Integer> PORTS = List.of(8000, 5173);

    @Test
    void anInactiveUfwBlocksNothing() {
        assertThat(FirewallRules.read("Status: inactive\n", PORTS).ports())
                .isEqualTo(Map.of(8000, Verdict.ALLOWED, 5173, Verdict.ALLOWED));
    }

    @Test
    void anActiveUfwAllowsOnlyThePortsItsRulesAllow() {
        Reading reading = FirewallRules.read("""
                Status: active

                To                         Action      From
                --                         ------      ----
                22/tcp                     ALLOW       Anywhere
                8000/tcp                   ALLOW       Anywhere
                5173                       DENY        Anywhere
                8000/tcp (v6)              ALLOW       Anywhere (v6)
                """, PORTS);
        assertThat(reading.tool()).isEqualTo("ufw");
        assertThat(reading.ports()).isEqualTo(Map.of(8000, Verdict.ALLOWED, 5173, Verdict.BLOCKED));
        assertThat(FirewallRules.read("Status: active\n\n18000/tcp ALLOW Anywhere\n", PORTS).ports())
                .as("another port's rule allows nothing here").containsEntry(8000, Verdict.BLOCKED);
    }

    @Test
    void iptablesRulesForThePortDecideBeforeThePolicy() {
        Reading reading = FirewallRules.read("""
                Chain INPUT (policy DROP)
                target     prot opt source               destination
                ACCEPT     all  --  0.0.0.0/0            0.0.0.0/0            ctstate RELATED,ESTABLISHED
                ACCEPT     tcp  --  0.0.0.0/0            0.0.0.0/0            tcp dpt:8000
                ACCEPT     tcp  --  0.0.0.0/0            0.0.0.0/0            tcp dpt:22

                Chain FORWARD (policy ACCEPT)
                target     prot opt source               destination
                ACCEPT     tcp  --  0.0.0.0/0            0.0.0.0/0            tcp dpt:5173

                Chain OUTPUT (policy ACCEPT)
                target     prot opt source               destination
                """, PORTS);
        assertThat(reading.tool()).isEqualTo("iptables");
        assertThat(reading.ports()).as("FORWARD's rule is not INPUT's")
                .isEqualTo(Map.of(8000, Verdict.ALLOWED, 5173, Verdict.BLOCKED));
    }

    @Test
    void iptablesReadsPortRangesAndMultiport() {
        Reading reading = FirewallRules.read("""
                Chain INPUT (policy ACCEPT)
                target     prot opt source               destination
                REJECT     tcp  --  0.0.0.0/0            0.0.0.0/0            tcp dpts:5000:6000 reject-with icmp-port-unreachable
                DROP       tcp  --  0.0.0.0/0            0.0.0.0/0            multiport dports 22,8000:8001
                """, PORTS);
        assertThat(reading.ports()).isEqualTo(Map.of(8000, Verdict.BLOCKED, 5173, Verdict.BLOCKED));
        assertThat(FirewallRules.read("Chain INPUT (policy ACCEPT)\ntarget prot opt source destination\n", PORTS)
                .ports()).isEqualTo(Map.of(8000, Verdict.ALLOWED, 5173, Verdict.ALLOWED));
    }

    @Test
    void whatIptablesDoesNotShowIsNotGuessed() {
        // Without -v a rule's interface is hidden: "DROP all" may be for one interface only; a jump is not followed.
        assertThat(FirewallRules.read("""
                Chain INPUT (policy ACCEPT)
                target     prot opt source               destination
                DROP       all  --  0.0.0.0/0            0.0.0.0/0
                """, PORTS).ports()).containsEntry(8000, Verdict.UNKNOWN);
        assertThat(FirewallRules.read("""
                Chain INPUT (policy DROP)
                target     prot opt source               destination
                ufw-before-input  all  --  0.0.0.0/0            0.0.0.0/0
                """, PORTS).ports()).containsEntry(8000, Verdict.UNKNOWN);
        assertThat(FirewallRules.read("iptables v1.8.7 (nf_tables): Permission denied (you must be root)\n", PORTS)
                .ports()).isEqualTo(Map.of(8000, Verdict.UNKNOWN, 5173, Verdict.UNKNOWN));
    }

    @Test
    void hostileListingsAreReadAsData() {
        String hostile = HostileValues.LINES + "\0\n" + "Chain INPUT (policy ${x})\nACCEPT tcp -- $(id) ; id dpt:99999999999999\n"
                + "DROP tcp -- 0.0.0.0/0 0.0.0.0/0 tcp dpts:../..:8000\n" + "x".repeat(100 * 1024);
        Reading reading = FirewallRules.read(hostile, PORTS);
        assertThat(reading.tool()).isEqualTo("iptables");
        assertThat(reading.note()).isEqualTo("INPUT 정책 ${X}");
        assertThat(reading.ports()).isEqualTo(Map.of(8000, Verdict.UNKNOWN, 5173, Verdict.UNKNOWN));
        assertThat(FirewallRules.read("Status: active\n8000/tcp ALLOW ${x}\r\n5173 ALLOW $(id)\n" + "y".repeat(100 * 1024),
                PORTS).ports()).isEqualTo(Map.of(8000, Verdict.ALLOWED, 5173, Verdict.ALLOWED));
    }
}
