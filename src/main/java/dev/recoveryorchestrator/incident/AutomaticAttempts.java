package dev.recoveryorchestrator.incident;

import dev.recoveryorchestrator.config.EngineClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * The caps on automatic recovery attempts ({@link AttemptCaps}): a restart the machine decides on its own is
 * granted, and counted, only below the cap per incident and per failure type and hour, so that a failure that keeps
 * coming back goes to a person instead of being restarted forever.
 */
@Service
public class AutomaticAttempts {

    private final IncidentStore store;
    private final AttemptCaps caps;

    AutomaticAttempts(IncidentStore store, AttemptCaps caps) {
        this.store = store;
        this.caps = caps;
    }

    /**
     * Asks for one more automatic recovery attempt and records it when granted. Refused past the cap per incident
     * or per failure type and hour (a drill's attempts are counted apart from real ones).
     *
     * @return empty when granted, else why not
     */
    public Optional<String> grant(String incidentId, String action) {
        Incident incident = store.find(incidentId).orElseThrow();
        Instant now = EngineClock.now();
        int ofIncident = store.countAttempts(incidentId);
        if (ofIncident >= caps.perIncident()) {
            return Optional.of("반복 장애: 이 장애에서 자동 복구를 이미 " + ofIncident + "회 시도함 (한도 "
                    + caps.perIncident() + "회, recovery.runbook.automatic-attempts.per-incident)");
        }
        int ofType = store.countAttempts(incident.type(), now.minus(Duration.ofHours(1)), incident.drill());
        if (ofType >= caps.perTypePerHour()) {
            return Optional.of("반복 장애: 최근 1시간 동안 " + incident.type().id() + " 자동 복구 " + ofType + "회 (한도 "
                    + caps.perTypePerHour() + "회, recovery.runbook.automatic-attempts.per-type-per-hour)");
        }
        store.addAttempt(incidentId, incident.type(), action, now);
        return Optional.empty();
    }
}
