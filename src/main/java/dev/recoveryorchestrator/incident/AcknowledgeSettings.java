package dev.recoveryorchestrator.incident;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The acknowledge links of the escalation mails ({@code recovery.acknowledge}).
 *
 * @param secret the HMAC-SHA256 key that signs them, the same on every node; blank: the mails carry no link (people
 *     acknowledge in Tasklist or over the API)
 * @param linkValidFor how long a link works after its mail was queued
 */
@ConfigurationProperties("recovery.acknowledge")
public record AcknowledgeSettings(String secret, @DefaultValue("PT12H") Duration linkValidFor) {
}
