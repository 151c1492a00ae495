package dev.recoveryorchestrator.intake;

import dev.recoveryorchestrator.action.HealthProbe;
import dev.recoveryorchestrator.config.EngineClock;
import dev.recoveryorchestrator.config.InvalidInputException;
import dev.recoveryorchestrator.incident.Incident;
import dev.recoveryorchestrator.incident.IncidentRequest;
import dev.recoveryorchestrator.incident.IncidentService;
import dev.recoveryorchestrator.incident.IncidentState;
import dev.recoveryorchestrator.intake.AlertStore.Outcome;
import dev.recoveryorchestrator.intake.Classifier.Classification;
import dev.recoveryorchestrator.maintenance.MaintenanceGate;
import dev.recoveryorchestrator.maintenance.MaintenanceWindow;
import io.micrometer.core.instrument.MeterRegistry;
import dev.recoveryorchestrator.config.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Takes a parsed notification: stores every alert in one transaction first (committed before the webhook is
 * answered, so an alert is never lost), then handles each.
 * <ul>
 *   <li>A firing alert is classified; no rule: kept as unmatched. Under maintenance: recorded on the window. Else it
 *   opens an incident through {@link IncidentService#open}, dated from the alert's {@code startsAt} when that is
 *   earlier than now; an incident of the type already open (opened by either webhook or the monitor) gets the alert
 *   on its timeline instead, with how often this fingerprint came. Shortly after the last incident of the type
 *   recovered, the new incident names it ("재발").</li>
 *   <li>A resolved alert never opens or restarts anything: it tells its open incident (by fingerprint, else the open
 *   incident of its type), which then checks health itself; for no open incident it is recorded and ignored.</li>
 * </ul>
 * The runbook's work runs later in the engine's jobs (the lifecycle starts asynchronously).
 */
@Service
class AlertIntake {

    static final String SOURCE_PREFIX = "alert:";
    /** The key of an alert's timeline entry: {@code alert:<fingerprint>}. */
    private static final String ENTRY_PREFIX = "alert:";
    /** The key of the entry the alerts past {@code max-alert-entries} share. */
    private static final String OTHERS_KEY = "alert-others";
    private static final Logger log = LoggerFactory.getLogger(AlertIntake.class);
    private final AlertStore store;
    private final Classifier classifier;
    private final IncidentService incidents;
    private final MaintenanceGate maintenance;
    private final IntakeSettings settings;
    private final TransactionTemplate transaction;
    private final MeterRegistry metrics;
    private final AtomicLong lastPruned = new AtomicLong();

    AlertIntake(AlertStore store, Classifier classifier, IncidentService incidents, MaintenanceGate maintenance,
            IntakeSettings settings, TransactionTemplate transaction, MeterRegistry metrics) {
        this.store = store;
        this.classifier = classifier;
        this.incidents = incidents;
        this.maintenance = maintenance;
        this.settings = settings;
        this.transaction = transaction;
        this.metrics = metrics;
        // zero series, so that a dashboard panel or a rule finds them before the first unmatched alert
        for (String source : new String[] {"alertmanager", "grafana"}) {
            metrics.counter("recovery.alerts.unmatched", "source", source);
        }
    }

    List<Handled> receive(Notification notification) {
        Instant now = EngineClock.now();
        List<String> ids = new ArrayList<>();
        transaction.executeWithoutResult(status -> notification.alerts().forEach(alert -> {
            String id = UUID.randomUUID().toString();
            store.insert(id, notification.source(), notification.groupKey(), alert, now);
            ids.add(id);
        }));
        metrics.counter("recovery.alerts.received", "source", notification.source())
                .increment(notification.alerts().size());
        if (notification.truncatedAlerts() > 0) {
            log.warn("{} notification {} left out {} alert(s) (max_alerts); they come with a later notification",
                    notification.source(), notification.groupKey(), notification.truncatedAlerts());
        }
        List<Handled> handled = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            handled.add(handle(ids.get(i), notification.source(), notification.alerts().get(i), now));
        }
        pruneKeptAlerts(now);
        return handled;
    }

    /**
     * Deletes the oldest alerts beyond {@code recovery.intake.max-alerts-kept}: at most once a minute, since it reads
     * the index; between two prunings at most a minute's alerts are kept over the bound.
     */
    private void pruneKeptAlerts(Instant now) {
        long last = lastPruned.get();
        if (now.toEpochMilli() - last < 60_000 && last != 0 || !lastPruned.compareAndSet(last, now.toEpochMilli())) {
            return;
        }
        int deleted = store.pruneOldest(settings.maxAlertsKept());
        if (deleted > 0) {
            log.info("Deleted the {} oldest alert(s) beyond recovery.intake.max-alerts-kept ({})", deleted,
                    settings.maxAlertsKept());
        }
    }

    private Handled handle(String id, String source, ReceivedAlert alert, Instant arrival) {
        Optional<Classification> classified = classifier.classify(alert.labels());
        Handled handled = alert.firing() ? firing(id, source, alert, classified, arrival) : resolved(id, alert, classified);
        String type = classified.map(c -> c.type().id()).orElse(null);
        store.handled(id, handled.outcome(), type, classified.map(c -> c.scope().id()).orElse(null),
                handled.incidentId(), handled.maintenanceId(), handled.detail());
        count(source, handled.outcome(), type);
        return handled;
    }

    private Handled firing(String id, String source, ReceivedAlert alert, Optional<Classification> classified,
            Instant arrival) {
        if (classified.isEmpty()) {
            return new Handled(alert.fingerprint(), Outcome.UNMATCHED, null, null, null, "no classification rule matched");
        }
        Classification classification = classified.get();
        Optional<MaintenanceWindow> window = maintenance.covering(classification.type());
        if (window.isPresent()) {
            maintenance.record(window.get(), SOURCE_PREFIX + source, classification.type(), "alert " + alert.fingerprint(),
                    alert.alertname() + ": " + alert.summary());
            return new Handled(alert.fingerprint(), Outcome.MAINTENANCE, classification.type().id(), null, window.get().id(),
                    "maintenance: " + window.get().reason());
        }
        String relapseOf = incidents.findOpen(classification.type()).isPresent() ? null
                : relapseOf(alert, classification).orElse(null);
        Instant began = began(alert, arrival);
        IncidentService.Opened opened;
        try {
            opened = incidents.open(new IncidentRequest(classification.type(), classification.scope(), summary(alert),
                    SOURCE_PREFIX + source, null, began, false, relapseOf));
        } catch (InvalidInputException noRunbook) {
            return new Handled(alert.fingerprint(), Outcome.NO_RUNBOOK, classification.type().id(), null, null,
                    noRunbook.getMessage());
        }
        String incidentId = opened.incident().id();
        if (!opened.deduplicated()) {
            incidents.noteRepeated(incidentId, ENTRY_PREFIX + alert.fingerprint(), "알림 수신", source
                    + " 알림으로 장애 등록 (" + classification.rule() + "): " + line(alert) + " [fingerprint "
                    + alert.fingerprint() + "]");
            if (alert.startsAt() != null && !alert.startsAt().equals(began) && began.equals(arrival)
                    && alert.startsAt().isBefore(arrival)) {
                incidents.note(incidentId, "알림 시작 시각 보정", "알림의 startsAt " + alert.startsAt() + "은(는) 수신 "
                        + Durations.words(Duration.between(alert.startsAt(), arrival)) + " 전으로 허용 범위("
                        + Durations.words(settings.maxStartsAtAge()) + ", recovery.intake.max-starts-at-age)보다 오래되어 "
                        + "장애 시각을 수신 시각으로 함");
            }
            return new Handled(alert.fingerprint(), Outcome.OPENED, classification.type().id(), incidentId, null,
                    "opened by " + classification.rule());
        }
        noteOnOpenIncident(incidentId, source, alert);
        return new Handled(alert.fingerprint(), Outcome.DEDUPLICATED, classification.type().id(), incidentId, null,
                "added to the open incident");
    }

    /**
     * When the failure began as the alert says: its {@code startsAt} when that is before its arrival by at most
     * {@code recovery.intake.max-starts-at-age}; else (older, future, none) its arrival.
     */
    private Instant began(ReceivedAlert alert, Instant arrival) {
        Instant startsAt = alert.startsAt();
        if (startsAt == null || startsAt.isAfter(arrival) || startsAt.isBefore(arrival.minus(settings.maxStartsAtAge()))) {
            return arrival;
        }
        return startsAt;
    }

    /**
     * An alert for an incident already open, on its timeline: one entry per fingerprint, which counts the repeats
     * (and says when the last came) instead of writing an entry per repeat; past
     * {@code recovery.intake.max-alert-entries} fingerprints, the others share one entry. A storm is a few entries.
     */
    private void noteOnOpenIncident(String incidentId, String source, ReceivedAlert alert) {
        String key = ENTRY_PREFIX + alert.fingerprint();
        if (incidents.repeated(incidentId, key)) {
            return;
        }
        if (incidents.countRepeatable(incidentId, ENTRY_PREFIX) >= settings.maxAlertEntries()) {
            incidents.noteRepeated(incidentId, OTHERS_KEY, "알림 추가", "그 밖의 알림 (장애당 알림 항목 "
                    + settings.maxAlertEntries() + "개 초과, recovery.intake.max-alert-entries; 알림은 모두 보관됨): 처음 "
                    + line(alert) + " [fingerprint " + alert.fingerprint() + "]");
            return;
        }
        String detail = source + " 알림이 열린 장애에 추가됨: " + line(alert) + " [fingerprint " + alert.fingerprint() + "]";
        incidents.noteRepeated(incidentId, key, "알림 추가", detail);
    }

    /**
     * The incident this firing alert is a relapse of: the one its fingerprint went to last, when that recovered within
     * {@code recovery.intake.relapse-window}; else the last incident of its type that recovered within it.
     */
    private Optional<String> relapseOf(ReceivedAlert alert, Classification classification) {
        Instant since = EngineClock.now().minus(settings.relapseWindow());
        Optional<Incident> own = store.incidentOf(alert.fingerprint()).flatMap(incidents::find)
                .filter(incident -> incident.state() == IncidentState.RECOVERED && incident.type() == classification.type()
                        && !incident.recoveredAt().isBefore(since) && !incident.recoveredAt().isAfter(EngineClock.now()));
        return own.or(() -> incidents.recoveredWithin(classification.type(), settings.relapseWindow())).map(Incident::id);
    }

    private Handled resolved(String id, ReceivedAlert alert, Optional<Classification> classified) {
        Optional<Incident> open = store.incidentOf(alert.fingerprint()).flatMap(incidents::find)
                .filter(incident -> incident.state() == IncidentState.OPEN)
                .or(() -> classified.flatMap(c -> incidents.findOpen(c.type())));
        if (open.isEmpty()) {
            return new Handled(alert.fingerprint(), Outcome.RESOLVED_IGNORED, null, null, null,
                    "no open incident for this alert");
        }
        boolean heard = incidents.alertResolved(open.get().id(), alert.fingerprint(), "알림 해결 수신: " + line(alert)
                + " [fingerprint " + alert.fingerprint() + "]");
        return new Handled(alert.fingerprint(), heard ? Outcome.RESOLVED : Outcome.RESOLVED_IGNORED, null,
                open.get().id(), null, heard ? "the incident checks health itself" : "the incident is not in its response");
    }

    private void count(String source, Outcome outcome, String type) {
        switch (outcome) {
            case OPENED -> metrics.counter("recovery.alerts.matched", "source", source, "type", type).increment();
            case DEDUPLICATED -> {
                metrics.counter("recovery.alerts.matched", "source", source, "type", type).increment();
                metrics.counter("recovery.alerts.deduplicated", "source", source, "type", type).increment();
            }
            case UNMATCHED, NO_RUNBOOK -> metrics.counter("recovery.alerts.unmatched", "source", source).increment();
            default -> metrics.counter("recovery.alerts.handled", "source", source, "outcome",
                    outcome.name().toLowerCase()).increment();
        }
    }

    /** The incident's summary from the alert: one printable line, never interpreted. */
    private static String summary(ReceivedAlert alert) {
        return HealthProbe.oneLine(alert.alertname() + ": " + alert.summary(), 1000);
    }

    private static String line(ReceivedAlert alert) {
        return HealthProbe.oneLine(alert.alertname() + " — " + alert.summary(), 500);
    }

    /** What became of one alert, as the webhook's answer shows it. */
    record Handled(String fingerprint, Outcome outcome, String type, String incidentId, String maintenanceId,
            String detail) {
    }

    List<AlertStore.KeptAlert> unmatched() {
        return store.unmatched(200);
    }
}
