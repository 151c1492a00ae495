package dev.recoveryorchestrator.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;

/**
 * A chat channel reached through incoming webhooks, one per audience key ({@link WebhookSettings}): each message is
 * written as JSON by Jackson (never pasted text) and queued as one {@code notification-webhook} instance in the
 * caller's transaction, which posts it asynchronously with the mail's retry cycle and ends as a Cockpit incident when
 * it keeps failing. The instance holds the channel and the key, not the URL: the secret stays in configuration.
 */
abstract class ChatChannel implements Channel {

    static final String PROCESS = "notification-webhook";
    static final String CHANNEL = "webhookChannel";
    static final String KEY = "webhookKey";
    static final String PAYLOAD = "webhookPayload";
    static final String TEMPLATE = "webhookTemplate";
    static final String INCIDENT_ID = "incidentId";
    protected static final ObjectMapper JSON = new ObjectMapper();

    private final RuntimeService runtime;
    private final WebhookSettings settings;

    ChatChannel(RuntimeService runtime, WebhookSettings settings) {
        this.runtime = runtime;
        this.settings = settings;
    }

    /** The message this service expects, for one notification. */
    abstract ObjectNode message(Notification notification);

    @Override
    public Optional<String> deliver(Notification notification, Recipients recipients) {
        List<String> keys = new ArrayList<>();
        if (recipients.users()) {
            keys.add(WebhookSettings.USERS);
        }
        keys.addAll(recipients.groups());
        keys.removeIf(key -> !settings.of(name()).containsKey(key));
        if (keys.isEmpty()) {
            return Optional.empty();
        }
        String payload = json(message(notification));
        for (String key : keys) {
            VariableMap variables = Variables.createVariables()
                    .putValue(CHANNEL, name())
                    .putValue(KEY, key)
                    .putValue(PAYLOAD, MailVariables.textValue(payload))
                    .putValue(TEMPLATE, notification.template());
            notification.incidentId().ifPresent(id -> variables.putValue(INCIDENT_ID, id));
            runtime.startProcessInstanceByKey(PROCESS, notification.incidentId().orElse(null), variables);
        }
        return Optional.of(String.join(", ", keys));
    }

    /** Where the message sends a reader: the task it is about, else Tasklist. */
    static String link(Notification notification) {
        String task = notification.values().get("taskUrl");
        return task != null && !task.isBlank() ? task : notification.values().getOrDefault("tasklistUrl", "");
    }

    /** At most {@code max} characters, cut at a whole character with a mark that something was left out. */
    static String cut(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = max - 1;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "…";
    }

    private static String json(ObjectNode message) {
        try {
            return JSON.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a webhook message", e);
        }
    }
}
