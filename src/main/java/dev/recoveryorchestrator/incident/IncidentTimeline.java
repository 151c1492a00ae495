package dev.recoveryorchestrator.incident;

import dev.recoveryorchestrator.config.EngineClock;
import dev.recoveryorchestrator.config.LocalTimes;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/**
 * The incident's timeline as {@link IncidentService} reads and writes it where it needs more than the store: the
 * entries with their repeats in local time, and the entries whose actor is the person whose request is being served
 * (Camunda's current authentication).
 */
@Component
class IncidentTimeline {

    private final IncidentStore store;
    private final IdentityService identity;
    private final LocalTimes times;

    IncidentTimeline(IncidentStore store, IdentityService identity, LocalTimes times) {
        this.store = store;
        this.identity = identity;
        this.times = times;
    }

    /** Oldest first; an entry that repeated says how often and when last. */
    List<TimelineEntry> entries(String incidentId) {
        return store.timeline(incidentId).stream()
                .map(entry -> entry.lastAt() == null ? entry : entry.counted(times.clock(entry.lastAt())))
                .toList();
    }

    /** An entry by the current user (none when the orchestrator acts on its own). */
    void add(String incidentId, String step, TimelineCode code, String detail) {
        store.addEvent(incidentId, EngineClock.now(), step, detail, currentUser(), code);
    }

    /** The first time an entry by the current user, every repeat one more on its count (see the store). */
    void addOrRepeat(String incidentId, String key, String step, String detail) {
        store.addOrRepeatEvent(incidentId, key, EngineClock.now(), step, detail, currentUser());
    }

    private String currentUser() {
        Authentication user = identity.getCurrentAuthentication();
        return user == null ? null : user.getUserId();
    }
}
