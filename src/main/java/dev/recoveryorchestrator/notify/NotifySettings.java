package dev.recoveryorchestrator.notify;

import dev.recoveryorchestrator.incident.AuditTrail;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Who hears about incidents, on which channels, and how to reach the orchestrator from a notification.
 *
 * @param from sender address of every mail
 * @param users the service's users, told when an incident opens and when service is back (체크리스트 "사용자 알림")
 * @param baseUrl how people reach this orchestrator; links to Tasklist and Cockpit start with it
 * @param channels the channels every audience hears on, unless {@code routes} says otherwise ({@code mail})
 * @param routes per audience ({@code users}, {@code tier}, {@code involved}, {@code task-holders},
 *     {@code addresses}): its own list of channels
 */
@Validated
@ConfigurationProperties("recovery.notify")
public record NotifySettings(
        @DefaultValue("recovery-orchestrator@localhost") @NotBlank @Email String from,
        @DefaultValue List<@Email String> users,
        @DefaultValue("http://127.0.0.1:8080") @NotNull URI baseUrl,
        @DefaultValue("mail") @NotEmpty List<@NotBlank String> channels,
        @DefaultValue Map<String, @NotEmpty List<@NotBlank String>> routes) {

    /** The audiences {@code routes} may name: {@link Audience#kind()}. */
    static final Set<String> AUDIENCES = Set.of("users", "tier", "involved", "task-holders", "addresses");

    @AssertTrue(message = "routes may only name the audiences users, tier, involved, task-holders, addresses")
    public boolean isRoutesKnown() {
        return routes == null || AUDIENCES.containsAll(routes.keySet());
    }

    /** The channels an audience of this kind hears on. */
    List<String> channelsOf(String audience) {
        return routes.getOrDefault(audience, channels);
    }

    /** Every channel named anywhere in the settings. */
    Set<String> channelNames() {
        Set<String> names = new LinkedHashSet<>(channels);
        routes.values().forEach(names::addAll);
        return names;
    }

    /** The instance's audit trail in Cockpit, which opens whether the instance runs or has ended. */
    public String cockpitLink(String processInstanceId) {
        return base() + AuditTrail.path(processInstanceId);
    }

    public String tasklistLink(String taskId) {
        return base() + "/camunda/app/tasklist/default/#/?task=" + taskId;
    }

    /** An absolute link to a path of this orchestrator (as {@code base-url} reaches it). */
    public String link(String path) {
        return base() + (path.startsWith("/") ? path : "/" + path);
    }

    public String tasklist() {
        return base() + "/camunda/app/tasklist/default/";
    }

    private String base() {
        String text = baseUrl.toString();
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }
}
