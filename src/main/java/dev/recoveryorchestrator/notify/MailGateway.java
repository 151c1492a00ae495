package dev.recoveryorchestrator.notify;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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

    private static final Logger log = LoggerFactory.getLogger(MailGateway.class);
    private final ObjectProvider<JavaMailSender> sender;
    private final NotifySettings settings;

    MailGateway(ObjectProvider<JavaMailSender> sender, NotifySettings settings) {
        this.sender = sender;
        this.settings = settings;
    }

    /** Sends the mail; a failure is thrown, naming the mail and its recipients, so that the job is retried. */
    void send(OutgoingMail mail) {
        JavaMailSender smtp = sender.getIfAvailable();
        if (smtp == null) {
            log.info("Mail (no SMTP host configured, logged instead)\nTo: {}\nSubject: {}\n\n{}",
                    String.join(", ", mail.to()), mail.subject(), mail.body());
            return;
        }
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(settings.from());
        message.setTo(mail.to());
        message.setSubject(mail.subject());
        message.setText(mail.body());
        try {
            smtp.send(message);
        } catch (MailException e) {
            throw new IllegalStateException("Sending '" + mail.subject() + "' to " + String.join(", ", mail.to())
                    + " failed: " + e.getMessage(), e);
        }
    }
}
