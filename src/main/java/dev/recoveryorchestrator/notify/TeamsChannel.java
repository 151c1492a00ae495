package dev.recoveryorchestrator.notify;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;

/**
 * Microsoft Teams incoming webhooks (and Workflows' "when a Teams webhook request is received"): a message with one
 * Adaptive Card attachment — the subject as a bold heading, the body as wrapped text, an {@code Action.OpenUrl} to
 * the task (or Tasklist). Values are JSON strings written by Jackson; the card is kept under Teams' 28 KB message limit.
 */
@Component
class TeamsChannel extends ChatChannel {

    static final String NAME = "teams";
    static final String CARD = "application/vnd.microsoft.card.adaptive";
    /** Leaves room under Teams' 28 KB per message for the card's frame and multi-byte characters. */
    static final int BODY_MAX = 6000;

    TeamsChannel(RuntimeService runtime, WebhookSettings settings) {
        super(runtime, settings);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    ObjectNode message(Notification notification) {
        ObjectNode message = JSON.createObjectNode().put("type", "message");
        ObjectNode attachment = message.putArray("attachments").addObject().put("contentType", CARD);
        attachment.putNull("contentUrl");
        ObjectNode card = attachment.putObject("content")
                .put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json")
                .put("type", "AdaptiveCard")
                .put("version", "1.4");
        ArrayNode body = card.putArray("body");
        body.addObject().put("type", "TextBlock").put("text", notification.subject()).put("weight", "Bolder")
                .put("size", "Medium").put("wrap", true);
        body.addObject().put("type", "TextBlock").put("text", cut(notification.body(), BODY_MAX)).put("wrap", true);
        String link = link(notification);
        if (!link.isBlank()) {
            card.putArray("actions").addObject().put("type", "Action.OpenUrl").put("title", "작업 열기").put("url", link);
        }
        return message;
    }
}
