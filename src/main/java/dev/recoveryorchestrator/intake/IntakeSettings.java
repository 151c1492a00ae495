package dev.recoveryorchestrator.intake;

import dev.recoveryorchestrator.incident.FailureType;
import dev.recoveryorchestrator.incident.Scope;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The alert webhooks ({@code recovery.intake}).
 *
 * @param token the bearer token both webhooks require ({@code RECOVERY_INTAKE_TOKEN}); unset only in the demo, where
 *     the webhooks then answer loopback clients only
 * @param typeLabel a label whose value names the failure type directly ({@code backend-api-down} or 1-5); first rule
 * @param rules label matchers, tried in order after {@code typeLabel}: every label named must be present and its
 *     value match the regular expression (whole value); the first rule that matches gives the type
 * @param alertnames {@code alertname} → failure type, tried last ({@code BackendDown: backend-api-down})
 * @param scopeLabel the label that gives the scope (Alertmanager's {@code severity}), looked up in {@code scopes}
 * @param scopes scope label value → scope ({@code critical: whole})
 * @param defaultScope the scope when no rule and no scope label says
 * @param relapseWindow a firing alert this soon after the last incident of its type recovered opens a new incident
 *     linked to that one ("재발")
 * @param maxBody the largest notification accepted; larger ones get 413
 * @param maxStartsAtAge how long before its arrival an alert's {@code startsAt} may be and still date the incident;
 *     an older one dates it at arrival (the difference is written on the timeline), so that a stale or forged start
 *     never starts the tier and RTO clocks in the past. Shorter than the first tier, so no tier is ever skipped
 * @param maxAlertsPerNotification the most alerts one notification may carry; more get 413 and nothing is stored
 *     (set Alertmanager's {@code max_alerts} to at most this)
 * @param maxAlertsKept the most alerts kept in {@code ro_alert}; the oldest beyond it are deleted
 * @param maxAlertEntries the most alerts (fingerprints) with an entry of their own on one incident's timeline; the
 *     alerts beyond share one entry with a count. Each entry counts its repeats instead of repeating
 * @param grafana Grafana's optional HMAC signature
 */
@Validated
@ConfigurationProperties("recovery.intake")
public record IntakeSettings(
        String token,
        @DefaultValue("failure_type") @NotNull String typeLabel,
        @DefaultValue @Valid List<Rule> rules,
        Map<String, FailureType> alertnames,
        @DefaultValue("severity") @NotNull String scopeLabel,
        Map<String, Scope> scopes,
        @DefaultValue("partial") @NotNull Scope defaultScope,
        @DefaultValue("PT30M") @NotNull Duration relapseWindow,
        @DefaultValue("1MB") @NotNull DataSize maxBody,
        @DefaultValue("PT10M") @NotNull Duration maxStartsAtAge,
        @DefaultValue("1000") @Positive int maxAlertsPerNotification,
        @DefaultValue("100000") @Positive long maxAlertsKept,
        @DefaultValue("20") @Positive int maxAlertEntries,
        @DefaultValue @Valid Grafana grafana) {

    public IntakeSettings {
        rules = rules == null ? List.of() : List.copyOf(rules);
        alertnames = alertnames == null ? Map.of() : Map.copyOf(alertnames);
        scopes = scopes == null ? Map.of() : Map.copyOf(scopes);
    }

    /** Whether a token is configured (otherwise the webhooks answer loopback clients only). */
    boolean hasToken() {
        return token != null && !token.isBlank();
    }

    /**
     * One classification rule.
     *
     * @param labels label name → regular expression its whole value must match (from configuration, never from an alert)
     * @param type the failure type it gives
     * @param scope the scope it gives; unset: the scope label decides
     */
    public record Rule(@NotEmpty Map<String, String> labels, @NotNull FailureType type, Scope scope) {

        Map<String, Pattern> patterns() {
            return labels.entrySet().stream().collect(java.util.stream.Collectors.toUnmodifiableMap(
                    Map.Entry::getKey, entry -> Pattern.compile(entry.getValue())));
        }
    }

    /**
     * Grafana's webhook HMAC ({@code X-Grafana-Alerting-Signature}: hex HMAC-SHA256 of {@code timestamp:body}).
     *
     * @param hmacSecret when set, a Grafana notification without a valid signature is refused (401)
     * @param signatureHeader the header Grafana's contact point sends the signature in
     * @param timestampHeader the header with the Unix time (seconds) that was signed with the body
     * @param maxAge how far the timestamp may be from now; older (replayed) notifications are refused
     */
    public record Grafana(String hmacSecret,
            @DefaultValue("X-Grafana-Alerting-Signature") @NotNull String signatureHeader,
            @DefaultValue("X-Grafana-Alerting-Timestamp") @NotNull String timestampHeader,
            @DefaultValue("PT5M") @NotNull Duration maxAge) {

        boolean signed() {
            return hmacSecret != null && !hmacSecret.isBlank();
        }
    }
}
