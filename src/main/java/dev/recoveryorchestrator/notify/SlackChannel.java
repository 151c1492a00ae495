package dev.recoveryorchestrator.notify;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;

/**
 * Slack incoming webhooks: {@code text} (the notification line, shown in alerts and where blocks are not) and
 * {@code blocks} — a section with the subject and body as {@code mrkdwn} and a button to the task (or Tasklist).
 * Slack reads {@code &}, {@code <} and {@code >} as control sequences ({@code <!channel>}, {@code <@U123>},
 * {@code <url|text>}); every value is escaped as Slack's message formatting guide says, so a summary that says
 * {@code <!channel>} pings nobody. The link goes in the button's {@code url}, never into text.
 */
@Component
class SlackChannel extends ChatChannel {

    static final String NAME = "slack";
    /** Slack's limit for a section's text. */
    static final int SECTION_MAX = 3000;
    /** Slack truncates a message's {@code text} beyond this. */
    static final int TEXT_MAX = 4000;

    SlackChannel(RuntimeService runtime, WebhookSettings settings) {
        super(runtime, settings);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    ObjectNode message(Notification notification) {
        String subject = escape(notification.subject());
        ObjectNode message = JSON.createObjectNode().put("text", cut(subject, TEXT_MAX));
        ArrayNode blocks = message.putArray("blocks");
        ObjectNode section = blocks.addObject().put("type", "section");
        section.putObject("text").put("type", "mrkdwn")
                .put("text", cut("*" + subject + "*\n" + escape(notification.body()), SECTION_MAX));
        String link = link(notification);
        if (!link.isBlank()) {
            ObjectNode button = blocks.addObject().put("type", "actions").putArray("elements").addObject()
                    .put("type", "button").put("url", link);
            button.putObject("text").put("type", "plain_text").put("text", "작업 열기");
        }
        return message;
    }

    /** Slack's three control characters as its entities; everything else is text. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
