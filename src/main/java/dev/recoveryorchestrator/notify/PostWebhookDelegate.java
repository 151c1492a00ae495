package dev.recoveryorchestrator.notify;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * {@code Task_PostWebhook} of {@code notification-webhook}: posts one queued chat message to the webhook that
 * configuration holds for its channel and audience key. A failure (no answer, an answer other than 2xx) throws, and
 * the engine retries with {@code recovery.retries.mail}; errors name the webhook by host only, never its secret path.
 * A webhook removed from configuration since the message was queued is skipped with a log line.
 */
@Component("postWebhookDelegate")
class PostWebhookDelegate implements JavaDelegate {

    private static final Logger log = LoggerFactory.getLogger(PostWebhookDelegate.class);
    private final WebhookSettings settings;
    private final HttpClient http;
    private final MeterRegistry metrics;

    PostWebhookDelegate(WebhookSettings settings, MeterRegistry metrics) {
        this.settings = settings;
        this.metrics = metrics;
        this.http = HttpClient.newBuilder().connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public void execute(DelegateExecution execution) throws IOException, InterruptedException {
        String channel = (String) execution.getVariable(ChatChannel.CHANNEL);
        String key = (String) execution.getVariable(ChatChannel.KEY);
        URI url = settings.of(channel).get(key);
        if (url == null) {
            log.warn("{} webhook for '{}' is no longer configured; message {} not posted", channel, key,
                    execution.getVariable(ChatChannel.TEMPLATE));
            return;
        }
        Object payload = execution.getVariable(ChatChannel.PAYLOAD);
        String body = payload instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : (String) payload;
        HttpResponse<String> answer;
        try {
            answer = http.send(HttpRequest.newBuilder(url).timeout(settings.timeout())
                    .header("Content-Type", "application/json; charset=utf-8")
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            metrics.counter(MailGateway.SENDS, "channel", channel, "outcome", "failed").increment();
            throw new IOException(channel + " webhook " + WebhookSettings.masked(url) + " (" + key + ") unreachable: "
                    + e.getClass().getSimpleName(), e);
        }
        metrics.counter(MailGateway.SENDS, "channel", channel, "outcome", answer.statusCode() / 100 == 2 ? "sent"
                : "failed").increment();
        if (answer.statusCode() / 100 != 2) {
            String said = answer.body() == null ? "" : answer.body().replaceAll("\\p{Cntrl}", " ");
            throw new IllegalStateException(channel + " webhook " + WebhookSettings.masked(url) + " (" + key
                    + ") answered " + answer.statusCode() + ": " + ChatChannel.cut(said, 200));
        }
    }
}
