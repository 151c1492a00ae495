package dev.recoveryorchestrator.escalation;

import dev.recoveryorchestrator.config.LocalTimes;
import dev.recoveryorchestrator.incident.Acknowledgement;
import dev.recoveryorchestrator.incident.IncidentAcknowledged;
import dev.recoveryorchestrator.notify.Audience;
import dev.recoveryorchestrator.notify.Notifier;
import java.util.Map;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Tells the holders of the tier an incident has reached that someone acknowledged it (who, when, how), so that the
 * others know it is taken. Queued in the transaction that recorded the acknowledgement. The mail goes to the tier's
 * contacts as every tier mail does; nothing else is paged because of it, and the time-based escalation goes on.
 */
@Component
class AcknowledgedMail {

    private final Notifier notifier;
    private final LocalTimes times;

    AcknowledgedMail(Notifier notifier, LocalTimes times) {
        this.notifier = notifier;
        this.times = times;
    }

    @EventListener
    void acknowledged(IncidentAcknowledged event) {
        String tier = event.incident().tier();
        if (tier == null) {
            return;
        }
        Acknowledgement acknowledgement = event.acknowledgement();
        notifier.send(Audience.tier(tier), "incident-acknowledged", event.incident().id(), Map.of(
                "acknowledgedBy", acknowledgement.by(),
                "acknowledgedAt", times.minute(acknowledgement.at()),
                "acknowledgedVia", acknowledgement.viaWords()));
    }
}
