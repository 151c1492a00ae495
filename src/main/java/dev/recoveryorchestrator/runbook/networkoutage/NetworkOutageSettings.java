package dev.recoveryorchestrator.runbook.networkoutage;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Type 3 [네트워크 장애]. The commands are the actions {@code network-route-table} (ip route show), the firewall
 * listings named in {@code firewall.rule-actions} (iptables -L -n, ufw status) and {@code network-allow-ports}
 * under {@code recovery.actions}.
 *
 * @param host the host's address, through which users reach the service (the intranet address); empty: {@code
 *     recovery.target.host}. A host name or an IP address from configuration, never from outside
 * @param loopback where the service answers on this machine, to tell a network fault from a service fault
 * @param ports the service ports to check (frontend 5173, backend 8000); empty: {@code recovery.target.ports}
 * @param connectTimeout how long one TCP connection attempt may take
 * @param icmp also ping the host (ICMP echo) during diagnosis; off by default: only TCP to the service ports
 * @param recheckInterval how often the runbook checks whether the host's ports answer again
 * @param localUrls the local access addresses users are told to switch to (localhost 접속으로 전환); empty: {@code
 *     http://localhost:<port>/} for each of {@code ports}
 * @param itGroup the group that gets the urgent task and the mail at once (IT / network admins)
 * @param itPriority the urgent task's Tasklist priority (Camunda's default is 50)
 * @param firewall how the firewall is looked at and who approves opening the ports
 */
@Validated
@ConfigurationProperties("recovery.runbook.network-outage")
public record NetworkOutageSettings(
        @DefaultValue("") @Pattern(regexp = HOST, message = "must be a host name or an IP address") String host,
        @DefaultValue("127.0.0.1") @NotBlank @Pattern(regexp = HOST, message = "must be a host name or an IP address")
        String loopback,
        @DefaultValue List<@NotNull @Min(1) @Max(65535) Integer> ports,
        @DefaultValue("PT1S") @NotNull Duration connectTimeout,
        @DefaultValue("false") boolean icmp,
        @DefaultValue("PT1M") @NotNull Duration recheckInterval,
        @DefaultValue List<@NotNull URI> localUrls,
        @DefaultValue("it") @NotBlank String itGroup,
        @DefaultValue("100") @Min(0) @Max(1000) int itPriority,
        @DefaultValue @Valid @NotNull Firewall firewall) {

    /** A host name or an IP address (IPv6 in brackets or bare), nothing a shell or URL could read more into. */
    static final String HOST = "^$|^[A-Za-z0-9](?:[A-Za-z0-9.-]{0,252})$|^\\[?[0-9A-Fa-f:.]{2,45}\\]?$";

    @AssertTrue(message = "connect-timeout and recheck-interval must be positive")
    public boolean isPositiveDurations() {
        return connectTimeout == null || recheckInterval == null
                || !connectTimeout.isNegative() && !connectTimeout.isZero() && !recheckInterval.isNegative()
                && !recheckInterval.isZero();
    }

    /**
     * @param ruleActions actions whose output lists the firewall's rules ({@code iptables -L -n}, {@code ufw
     *     status}); each one's output is recognised by what it prints. A missing tool is a finding
     * @param approverGroup who is asked before the ports are opened in the firewall
     */
    public record Firewall(
            @DefaultValue({"network-firewall-iptables", "network-firewall-ufw"}) @NotEmpty List<@NotBlank String> ruleActions,
            @DefaultValue("it") @NotBlank String approverGroup) {
    }
}
