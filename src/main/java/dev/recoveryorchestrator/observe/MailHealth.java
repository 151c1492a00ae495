package dev.recoveryorchestrator.observe;

import jakarta.mail.MessagingException;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

/**
 * The mail server, in {@code /actuator/health} as {@code mail}. It is never DOWN: mail is queued (each mail is a
 * retried job of {@code notification-mail}) and goes out when the server is back, so an outage must not make the
 * node unready nor stop a recovery. An unreachable server is {@link #DEGRADED} with the reason; the readiness group
 * does not include this indicator (application.yaml), and the failed sends count in
 * {@code recovery_notifications_total{channel="mail",outcome="failed"}}. The probe is remembered for a few seconds,
 * so frequent health calls do not each open an SMTP connection.
 */
@Component("mail")
class MailHealth extends AbstractHealthIndicator {

    /** Reachable but degraded: reported, answered 200 (management.endpoint.health.status.order). */
    static final Status DEGRADED = new Status("DEGRADED", "mail server unreachable; mail is queued and retried");
    private static final Duration REMEMBER = Duration.ofSeconds(10);

    private final ObjectProvider<JavaMailSender> sender;
    private volatile Health last;
    private volatile long checkedAt;

    MailHealth(ObjectProvider<JavaMailSender> sender) {
        super("Mail health check failed");
        this.sender = sender;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        long now = System.currentTimeMillis();
        Health remembered = last;
        if (remembered == null || now - checkedAt >= REMEMBER.toMillis()) {
            remembered = probe();
            last = remembered;
            checkedAt = now;
        }
        builder.status(remembered.getStatus()).withDetails(remembered.getDetails());
    }

    private Health probe() {
        JavaMailSender smtp = sender.getIfAvailable();
        if (!(smtp instanceof JavaMailSenderImpl server)) {
            return Health.up().withDetail("server", smtp == null ? "none configured: mail is written to the log"
                    : "not checked").build();
        }
        String location = server.getHost() + ":" + server.getPort();
        try {
            server.testConnection();
            return Health.up().withDetail("server", location).build();
        } catch (MessagingException | RuntimeException e) {
            return Health.status(DEGRADED).withDetail("server", location)
                    .withDetail("error", String.valueOf(e.getMessage()))
                    .withDetail("effect", "mail is queued and retried (recovery.retries.mail); recovery does not wait")
                    .build();
        }
    }
}
