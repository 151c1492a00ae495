package dev.recoveryorchestrator.observe;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The metrics and the heartbeat ({@code recovery.metrics}).
 *
 * @param scrapeGroup the Camunda group whose members (and the admins) may read {@code /actuator/prometheus}; its
 *     user is the one Prometheus scrapes with (docs/operations.md)
 * @param scrapeUser the scrape user the orchestrator makes (in the scrape group) when {@code scrapePassword} is set
 * @param scrapePassword its password ({@code RECOVERY_METRICS_PASSWORD}); blank: no user is made (an admin adds one
 *     to the group in Camunda Admin), except in the demo, where {@code prometheus} gets the demo password
 * @param nodeId this node's {@code node} label; blank: its host name and HTTP port
 * @param heartbeatUrl where to send the outgoing heartbeat (a dead-man's switch such as a ping service); none when
 *     unset
 * @param heartbeatInterval how often the outgoing heartbeat is sent
 * @param staleAfter a heartbeat older than this is stale: no outgoing heartbeat is sent for it, and the shipped
 *     alert rules use the same figure
 */
@ConfigurationProperties("recovery.metrics")
public record MetricsSettings(
        @DefaultValue("metrics") String scrapeGroup,
        @DefaultValue("prometheus") String scrapeUser,
        String scrapePassword,
        String nodeId,
        URI heartbeatUrl,
        @DefaultValue("PT1M") Duration heartbeatInterval,
        @DefaultValue("PT2M") Duration staleAfter) {
}
