package dev.recoveryorchestrator.notify;

import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/**
 * Sends over SMTP when {@code spring.mail.host} is set; otherwise (the demo) writes the mail to the log, so
 * that a newcomer sees every notification without a mail server.
 */
@Component
class MailGateway {

    /**
     * {@code recovery_notifications_total{channel,outcome}}: each attempt to send a mail or post a chat message, sent
     * or failed (a failed one is retried, so an outage shows as failures followed by the sends).
     */
    static final String SENDS = "recovery.notifications";
    private static final Logger log = LoggerFactory.getLogger(MailGateway.class);
    private static final Pattern LINE_BREAK = Pattern.compile("\\R");
    private final ObjectProvider<JavaMailSender> sender;
    private final NotifySettings settings;
    private final MeterRegistry metrics;

    MailGateway(ObjectProvider<JavaMailSender> sender, NotifySettings settings, MeterRegistry metrics) {
        this.sender = sender;
        this.settings = settings;
        this.metrics = metrics;
        for (String channel : new String[] {"mail", "slack", "teams"}) {
            for (String outcome : new String[] {"sent", "failed"}) {
                metrics.counter(SENDS, "channel", channel, "outcome", outcome);
            }
        }
    }

    /**
     * Sends the mail; a failure is thrown, naming the mail and its recipients, so that the job is retried. Whatever
     * the variables of the mail instance hold, the subject goes out as one line and every recipient must be a plain
     * address: a value never becomes a header of its own.
     */
    void send(OutgoingMail mail) {
        String subject = MailText.header(mail.subject());
        for (String address : mail.to()) {
            if (!MailText.isAddress(address)) {
                throw new IllegalStateException("Mail '" + subject + "' has an invalid recipient '"
                        + MailText.header(address) + "'; nothing was sent");
            }
        }
        JavaMailSender smtp = sender.getIfAvailable();
        if (smtp == null) {
            // Each body line behind "| ": a line of a value cannot pass for a line of our own log.
            log.info("Mail (no SMTP host configured, logged instead)\nTo: {}\nSubject: {}\n\n{}",
                    String.join(", ", mail.to()), subject, LINE_BREAK.splitAsStream(mail.body())
                            .map(line -> "| " + line).collect(Collectors.joining("\n")));
            metrics.counter(SENDS, "channel", "mail", "outcome", "sent").increment();
            return;
        }
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(settings.from());
        message.setTo(mail.to());
        message.setSubject(subject);
        message.setText(MailText.body(mail.body()));
        try {
            smtp.send(message);
            metrics.counter(SENDS, "channel", "mail", "outcome", "sent").increment();
        } catch (MailException e) {
            metrics.counter(SENDS, "channel", "mail", "outcome", "failed").increment();
            throw new IllegalStateException("Sending '" + subject + "' to " + String.join(", ", mail.to())
                    + " failed: " + e.getMessage(), e);
        }
    }
}
