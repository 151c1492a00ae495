package dev.recoveryorchestrator.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.recoveryorchestrator.HostileValues;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Slack and Teams messages as each service documents them, with hostile values kept as data. */
class ChatMessagesTest {

    static final String MENTIONS = "<!channel> <!here> @here <@U123> <https://evil.example|click> & ";
    static final String HUGE = "가".repeat(100_000);

    @Test
    void slackEscapesItsControlSequencesSoThatNobodyIsMentioned() {
        JsonNode message = new SlackChannel(null, null).message(notification(MENTIONS + HostileValues.TEXT,
                HostileValues.LINES + "\n" + MENTIONS, "http://127.0.0.1:8080/camunda/app/tasklist/default/#/?task=t1"));

        assertThat(message.get("text").asText()).doesNotContain("<", ">").contains("&lt;!channel&gt;", "&amp;",
                "${x}", "$(id)");
        JsonNode section = message.get("blocks").get(0);
        assertThat(section.get("type").asText()).isEqualTo("section");
        assertThat(section.get("text").get("type").asText()).isEqualTo("mrkdwn");
        assertThat(section.get("text").get("text").asText()).doesNotContain("<", ">").contains("&lt;!here&gt;");
        JsonNode button = message.get("blocks").get(1).get("elements").get(0);
        assertThat(button.get("type").asText()).isEqualTo("button");
        assertThat(button.get("url").asText()).endsWith("?task=t1");
        assertThat(button.get("text").get("type").asText()).isEqualTo("plain_text");
    }

    @Test
    void slackKeepsWithinItsLimitsWhateverTheLength() {
        JsonNode message = new SlackChannel(null, null).message(notification(HUGE, HUGE, ""));

        assertThat(message.get("text").asText()).hasSizeLessThanOrEqualTo(SlackChannel.TEXT_MAX).endsWith("…");
        assertThat(message.get("blocks").get(0).get("text").get("text").asText())
                .hasSizeLessThanOrEqualTo(SlackChannel.SECTION_MAX);
        assertThat(message.get("blocks")).as("no link, no button").hasSize(1);
    }

    @Test
    void teamsPostsOneAdaptiveCardWithTheTaskLink() {
        JsonNode message = new TeamsChannel(null, null).message(notification(HostileValues.TEXT + "\"}",
                HostileValues.LINES + HUGE, "http://127.0.0.1:8080/camunda/app/tasklist/default/#/?task=t2"));

        assertThat(message.get("type").asText()).isEqualTo("message");
        assertThat(message.get("attachments")).hasSize(1);
        JsonNode attachment = message.get("attachments").get(0);
        assertThat(attachment.get("contentType").asText()).isEqualTo("application/vnd.microsoft.card.adaptive");
        JsonNode card = attachment.get("content");
        assertThat(card.get("type").asText()).isEqualTo("AdaptiveCard");
        assertThat(card.get("version").asText()).isEqualTo("1.4");
        assertThat(card.get("body").get(0).get("text").asText()).isEqualTo(HostileValues.TEXT + "\"}");
        assertThat(card.get("body").get(1).get("text").asText()).startsWith(HostileValues.LINES)
                .hasSizeLessThanOrEqualTo(TeamsChannel.BODY_MAX);
        assertThat(card.get("actions").get(0).get("type").asText()).isEqualTo("Action.OpenUrl");
        assertThat(card.get("actions").get(0).get("url").asText()).endsWith("?task=t2");
    }

    @Test
    void aWebhookIsShownByItsHostOnly() {
        assertThat(WebhookSettings.masked(URI.create("https://hooks.slack.com/services/T000/B000/XXXXSECRET")))
                .isEqualTo("https://hooks.slack.com/…");
    }

    private static Notification notification(String subject, String body, String taskUrl) {
        return new Notification("tier-escalation", "incident-1", Map.of("taskUrl", taskUrl, "tasklistUrl", ""),
                () -> new MailTemplates.Rendered(subject, body));
    }
}
