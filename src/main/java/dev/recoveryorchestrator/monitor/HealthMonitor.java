package dev.recoveryorchestrator.monitor;

import dev.recoveryorchestrator.action.HealthProbe;
import dev.recoveryorchestrator.action.HealthProbe.Health;
import dev.recoveryorchestrator.action.TargetSettings;
import dev.recoveryorchestrator.config.EngineClock;
import dev.recoveryorchestrator.incident.FailureType;
import dev.recoveryorchestrator.incident.IncidentRequest;
import dev.recoveryorchestrator.incident.IncidentService;
import dev.recoveryorchestrator.incident.Scope;
import jakarta.annotation.PreDestroy;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Polls the target's health endpoint and opens a {@code backend-api-down} incident after the configured number
 * of failures in a row, dated from the first failed check (so downtime and the RTO count from the failure, not
 * from its detection). It keeps polling while the incident is open; the incident service answers repeated
 * openings with the open incident, so a failure that lasts opens one incident. The count and the first failure are
 * forgotten when a check passes and after each opening, so a new incident is never dated from an old failure.
 */
@Component
@ConditionalOnProperty(name = "recovery.monitor.enabled", havingValue = "true", matchIfMissing = true)
class HealthMonitor {

    private static final Logger log = LoggerFactory.getLogger(HealthMonitor.class);
    private final HealthProbe probe;
    private final IncidentService incidents;
    private final TargetSettings target;
    private final MonitorSettings settings;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "health-monitor");
        thread.setDaemon(true);
        return thread;
    });
    private int failures;
    private Instant failingSince;

    HealthMonitor(HealthProbe probe, IncidentService incidents, TargetSettings target, MonitorSettings settings) {
        this.probe = probe;
        this.incidents = incidents;
        this.target = target;
        this.settings = settings;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        log.info("Monitoring {} every {}; {} failures in a row open an incident", target.healthUrl(),
                settings.interval(), settings.failuresBeforeIncident());
        scheduler.scheduleWithFixedDelay(this::pollSafely, 0, settings.interval().toMillis(), TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        scheduler.shutdownNow();
    }

    private void pollSafely() {
        try {
            poll();
        } catch (RuntimeException e) {
            log.error("Health monitor could not open an incident; it will try again", e);
        }
    }

    /** One round: check, count, and open an incident when the count reaches the threshold. */
    void poll() {
        Health health = probe.check(target.healthUrl(), settings.timeout());
        if (health.healthy()) {
            failures = 0;
            failingSince = null;
            return;
        }
        if (failingSince == null) {
            failingSince = EngineClock.now();
        }
        failures++;
        log.debug("Health check {} failed ({} in a row): {}", target.healthUrl(), failures, health.detail());
        if (failures < settings.failuresBeforeIncident()) {
            return;
        }
        Instant since = failingSince;
        // Counted from scratch after every opening: a failure after this one began later, even when no check
        // passed in between (a flapping backend recovered by the runbook between two polls).
        failures = 0;
        failingSince = null;
        IncidentService.Opened opened = incidents.open(new IncidentRequest(FailureType.BACKEND_API_DOWN, Scope.WHOLE,
                "/api/health 응답 없음: " + health.detail(), "health-monitor", null, since, true));
        if (!opened.deduplicated()) {
            log.warn("Health check failed {} times in a row; opened incident {}", settings.failuresBeforeIncident(),
                    opened.incident().id());
        }
    }
}
