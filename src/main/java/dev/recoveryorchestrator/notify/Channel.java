package dev.recoveryorchestrator.notify;

import java.util.Optional;

/**
 * A way of reaching people: mail today ({@code MailChannel}), an incoming webhook (Slack, Teams) tomorrow. A channel
 * is a Spring bean; {@code recovery.notify.channels} (every audience) and {@code recovery.notify.routes.<audience>}
 * name the channels an audience hears on, so adding one touches no caller.
 *
 * <p>{@link #deliver} runs in the caller's transaction. A channel must not lose a notification: it queues durable
 * work that retries on its own (mail queues a {@code notification-mail} instance) rather than calling out and
 * forgetting, and it treats everything in the notification as data (a webhook channel writes JSON with a JSON
 * library, never by pasting text).
 */
public interface Channel {

    /** The name configuration uses for this channel ({@code mail}, {@code slack}, ...). */
    String name();

    /**
     * Delivers the notification to whom this channel reaches among the recipients.
     *
     * @return whom it was delivered to, for the timeline (for mail, the addresses); empty when this channel
     *     reaches nobody among the recipients
     */
    Optional<String> deliver(Notification notification, Recipients recipients);
}
