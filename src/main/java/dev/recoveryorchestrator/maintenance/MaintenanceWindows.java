package dev.recoveryorchestrator.maintenance;

import dev.recoveryorchestrator.action.HealthProbe;
import dev.recoveryorchestrator.action.TargetSettings;
import dev.recoveryorchestrator.config.EngineClock;
import dev.recoveryorchestrator.incident.FailureType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/** Declares windows and answers the detectors' question; windows are in our database, so every node sees them. */
@Service
class MaintenanceWindows implements MaintenanceGate, MaintenancePlanner {

    private static final Logger log = LoggerFactory.getLogger(MaintenanceWindows.class);
    private final MaintenanceStore store;
    private final TargetSettings target;

    MaintenanceWindows(MaintenanceStore store, TargetSettings target) {
        this.store = store;
        this.target = target;
    }

    @Override
    public Optional<MaintenanceWindow> covering(FailureType type) {
        return store.active(target.name(), EngineClock.now()).stream()
                .filter(window -> window.covers(type, EngineClock.now())).findFirst();
    }

    @Override
    public void record(MaintenanceWindow window, String source, FailureType type, String subject, String detail) {
        store.record(window.id(), source, type, HealthProbe.oneLine(subject, 240), HealthProbe.oneLine(detail, 1990),
                EngineClock.now());
        log.info("Maintenance {} ({}): {} {} recorded, no incident", window.id(), window.reason(), source, type);
    }

    @Override
    public MaintenanceWindow declare(List<FailureType> types, Instant endsAt, String reason, String createdBy) {
        Instant now = EngineClock.now();
        MaintenanceWindow window = new MaintenanceWindow(java.util.UUID.randomUUID().toString(), target.name(),
                List.copyOf(types), now, endsAt, reason, createdBy, now);
        declare(window);
        return window;
    }

    @Override
    public boolean endNow(String windowId) {
        boolean ended = store.endBy(windowId, EngineClock.now());
        if (ended) {
            log.info("Maintenance window {} ended now", windowId);
        }
        return ended;
    }

    @Override
    public Optional<MaintenanceWindow> find(String windowId) {
        return store.find(windowId);
    }

    void declare(MaintenanceWindow window) {
        store.insert(window);
        log.info("Maintenance window {} declared by {} for {} {} from {} to {}: {}", window.id(), window.createdBy(),
                window.target(), window.types().isEmpty() ? "(all types)" : window.types(), window.startsAt(),
                window.endsAt(), window.reason());
    }

    @Override
    public List<MaintenanceWindow> upcoming() {
        Instant now = EngineClock.now();
        return store.list(200).stream().filter(window -> window.endsAt().isAfter(now))
                .sorted(java.util.Comparator.comparing(MaintenanceWindow::startsAt)).toList();
    }

    /** Ends a window now, recording who did; false when it had already ended or is unknown. */
    boolean endEarly(String windowId, String endedBy) {
        boolean ended = store.endEarly(windowId, EngineClock.now(), endedBy);
        if (ended) {
            log.info("Maintenance window {} ended early by {}", windowId, endedBy);
        }
        return ended;
    }

    List<MaintenanceWindow> list() {
        return store.list(200);
    }

    List<MaintenanceStore.Seen> seen(String windowId) {
        return store.seen(windowId);
    }

    String defaultTarget() {
        return target.name();
    }
}
