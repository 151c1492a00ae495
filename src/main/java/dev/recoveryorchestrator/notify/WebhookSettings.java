package dev.recoveryorchestrator.notify;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Slack and Microsoft Teams incoming webhooks, per audience: the key {@code users} is where the service's users
 * hear, a group name ({@code devops}, {@code cto}, ...) is where that tier hears. Both optional: a channel with no
 * webhook for anyone in an audience reaches nobody there. The URLs are secrets (whoever has one can post): they
 * stay in configuration, never in a process variable, the history or a log line whole.
 *
 * @param slack Slack incoming-webhook URL per audience key
 * @param teams Teams incoming-webhook (or Workflows "post to a channel when a webhook request is received") URL per
 *     audience key
 * @param timeout how long one post may take; a post is a job, so this stays well inside the job lock
 */
@Validated
@ConfigurationProperties("recovery.notify.webhooks")
public record WebhookSettings(
        @DefaultValue Map<String, URI> slack,
        @DefaultValue Map<String, URI> teams,
        @DefaultValue("PT10S") @NotNull Duration timeout) {

    /** The audience key of the service's users. */
    static final String USERS = "users";

    @AssertTrue(message = "every webhook must be an absolute http(s) URL")
    public boolean isEveryUrlHttp() {
        return Stream.concat(slack.values().stream(), teams.values().stream()).allMatch(url -> url != null
                && url.isAbsolute() && url.getHost() != null
                && ("https".equalsIgnoreCase(url.getScheme()) || "http".equalsIgnoreCase(url.getScheme())));
    }

    @AssertTrue(message = "timeout must be between 1 second and 1 minute")
    public boolean isTimeoutBounded() {
        return timeout.compareTo(Duration.ofSeconds(1)) >= 0 && timeout.compareTo(Duration.ofMinutes(1)) <= 0;
    }

    Map<String, URI> of(String channel) {
        return switch (channel) {
            case SlackChannel.NAME -> slack;
            case TeamsChannel.NAME -> teams;
            default -> Map.of();
        };
    }

    /** How a webhook URL may be shown: its scheme and host, never the path that holds the secret. */
    static String masked(URI url) {
        return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort()) + "/…";
    }
}
