package dev.recoveryorchestrator.monitor;

import dev.recoveryorchestrator.action.Work;
import dev.recoveryorchestrator.config.EngineClock;
import dev.recoveryorchestrator.config.InvalidInputException;
import dev.recoveryorchestrator.incident.FailureType;
import dev.recoveryorchestrator.incident.Incident;
import dev.recoveryorchestrator.incident.IncidentRequest;
import dev.recoveryorchestrator.incident.IncidentService;
import dev.recoveryorchestrator.maintenance.MaintenanceGate;
import dev.recoveryorchestrator.maintenance.MaintenanceWindow;
import dev.recoveryorchestrator.monitor.Probe.Observation;
import dev.recoveryorchestrator.observe.Heartbeat;
import dev.recoveryorchestrator.monitor.Probe.Outcome;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Runs the configured checks ({@code recovery.monitor.checks}) in rounds and opens one incident per outage.
 *
 * <p>Each round runs the checks that are due (each has its interval). A check that has shown its symptom in
 * {@code threshold} rounds in a row <em>fires</em>; then every other check runs at once too, for fresh evidence,
 * and of the checks that have <em>reached</em> their thresholds the type first in {@code recovery.monitor.order} is
 * opened (an outage upstream causes the symptoms downstream of it: a cut network makes the backend unreachable, an
 * exited container makes {@code /api/health} fail). A check has reached its threshold when it has fired since it
 * last passed and still shows its symptom, so a lasting upstream outage keeps taking precedence after its own
 * incident opened. Only such a check decides the type, on every path (the order, a type without a runbook, a
 * maintenance window): a symptom below its threshold is not an outage yet. Every other symptom seen goes to the
 * incident's timeline, once per change, not every round. A type whose runbook is not deployed gives way to the next
 * type that reached its threshold (logged once while it lasts, and named in the timeline of the incident that does
 * open).
 *
 * <p>Incidents are dated from the first failed check of the outage, and count as confirmed by check. Counts start
 * again after a check passes, and those of the checks that fired after each opening, so a new incident is never
 * dated from an old failure; a check below its threshold keeps its count, so a lasting outage downstream cannot
 * keep an upstream one from ever reaching its threshold. A check that cannot run (no log file, no docker) shows no
 * symptom of any type: it is logged once, until it runs again.
 *
 * <p>The orchestrator's own actions are not outages: a check whose {@code disrupted-by} names an action that runs
 * now as tracked work, on any node, or ended less than {@code recovery.health-check.after-action-settle} ago
 * ({@link OwnActions}), is expected to fail. Such a failure counts toward nothing and is no symptom; it is logged and
 * noted in the timeline of the incident the action is for, once per check and run of the action, while the checks
 * the action does not disrupt still detect a different outage.
 *
 * <p>During a maintenance window for the classified type ({@code POST /api/maintenance}) the symptoms are recorded on
 * the window and no incident opens.
 */
@Component
@ConditionalOnProperty(name = "recovery.monitor.enabled", havingValue = "true", matchIfMissing = true)
class HealthMonitor {

    static final String SOURCE = "health-monitor";
    static final String OTHER_SYMPTOM = "동반 증상";
    static final String EXPECTED_SYMPTOM = "조치 중 예상된 증상";
    private static final Logger log = LoggerFactory.getLogger(HealthMonitor.class);
    private final IncidentService incidents;
    private final Runnable roundDone;
    private final MonitorSettings settings;
    private final List<Tracked> checks;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "health-monitor");
        thread.setDaemon(true);
        return thread;
    });
    /** Types refused for want of a runbook, logged once until their symptom goes. */
    private final Set<FailureType> refused = new HashSet<>();
    /** Per type, the incident last opened or found and the other symptoms already in its timeline. */
    private final Map<FailureType, Noted> noted = new EnumMap<>(FailureType.class);

    /** Work id and check name of each expected failure already logged and noted. */
    private final Set<String> expected = new HashSet<>();

    private final MaintenanceGate maintenance;
    private final OwnActions ownActions;

    HealthMonitor(MonitorSettings settings, Probes probes, IncidentService incidents) {
        this(settings, probes, incidents, MaintenanceGate.none());
    }

    HealthMonitor(MonitorSettings settings, Probes probes, IncidentService incidents, MaintenanceGate maintenance) {
        this(settings, probes, incidents, maintenance, OwnActions.none());
    }

    HealthMonitor(MonitorSettings settings, Probes probes, IncidentService incidents, MaintenanceGate maintenance,
            OwnActions ownActions) {
        this(settings, probes, incidents, maintenance, ownActions, () -> { });
    }

    @Autowired
    HealthMonitor(MonitorSettings settings, Probes probes, IncidentService incidents, MaintenanceGate maintenance,
            OwnActions ownActions, Heartbeat heartbeat) {
        this(settings, probes, incidents, maintenance, ownActions, heartbeat::monitorRound);
    }

    /** {@code roundDone}: told after each round that ran to its end (the node's heartbeat, docs/operations.md). */
    private HealthMonitor(MonitorSettings settings, Probes probes, IncidentService incidents, MaintenanceGate maintenance,
            OwnActions ownActions, Runnable roundDone) {
        this.roundDone = roundDone;
        this.incidents = incidents;
        this.maintenance = maintenance;
        this.ownActions = ownActions;
        this.settings = settings;
        this.checks = settings.checks().stream().map(check -> new Tracked(probes.of(check, settings), settings)).toList();
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        for (Tracked tracked : checks) {
            log.info("Check '{}' ({}) every {}; {} in a row open {}{}", tracked.name(), tracked.probe.check().kind(),
                    tracked.interval, tracked.threshold, tracked.type(), tracked.disruptedBy().isEmpty() ? ""
                            : "; expected to fail while " + tracked.disruptedBy() + " runs");
        }
        log.info("Classification order: {}; a check disrupted by our own action is expected to fail until {} after it",
                settings.order(), ownActions.settle());
        scheduler.execute(this::round);
    }

    /**
     * A round, and the next one {@code interval} after this one began: the checks run every interval, not every
     * interval plus a round's own time, so a symptom's {@code threshold} polls take what the configuration says. Never
     * two rounds at once, no rounds made up for after a long one, and at least a tenth of the interval between two, so
     * that rounds slower than the interval (an overloaded host) do not keep a core busy.
     */
    private void round() {
        long began = System.nanoTime();
        pollSafely();
        long interval = settings.interval().toNanos();
        long next = Math.max(interval / 10, interval - (System.nanoTime() - began));
        try {
            scheduler.schedule(this::round, next, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException stopped) {
            log.debug("Health monitor stopped; no further rounds");
        }
    }

    @PreDestroy
    void stop() {
        scheduler.shutdownNow();
    }

    private void pollSafely() {
        try {
            poll();
            roundDone.run();
        } catch (RuntimeException e) {
            log.error("Health monitor round failed; it will try again", e);
        }
    }

    /**
     * One round: the due checks, and when one fires, the others and the classification among the checks that have
     * reached their thresholds.
     */
    synchronized void poll() {
        Instant now = EngineClock.now();
        Round round = new Round(now);
        Set<Tracked> ran = new HashSet<>();
        for (Tracked tracked : checks) {
            if (tracked.due(now)) {
                run(tracked, round);
                ran.add(tracked);
            }
        }
        forgetRefusalsThatCleared();
        classify(round, ran);
    }

    /**
     * An event that shows the symptom of the check named {@code checkName} now (the target's process exited,
     * {@link ProcessWatch}; a compose container died, ran out of memory or turned unhealthy, {@link DockerEventWatch}): counted as that check reaching its threshold at once, then the round goes on as when a
     * polled check fires: the other checks run for fresh evidence and the classification, the maintenance windows
     * and the one incident per outage apply alike. While one of our own actions that disrupts the check runs, the
     * event is expected, as a failed poll would be; once it has ended, its settle time does not cover an event (a
     * process that exits after our restart started it is a new outage). Our own actions are read when the event
     * arrives, before waiting for a round that may be running (its probes can take seconds): an event our restart
     * caused is judged while the restart still runs, not after it ended. An unknown name changes nothing.
     */
    void event(String checkName, String detail) {
        Optional<Tracked> found = checks.stream().filter(tracked -> tracked.name().equals(checkName)).findFirst();
        if (found.isEmpty()) {
            log.warn("An event for check '{}', which is not configured, is ignored: {}", checkName, detail);
            return;
        }
        Round round = new Round(EngineClock.now());
        if (!found.get().disruptedBy().isEmpty()) {
            round.readOwnActions();
        }
        synchronized (this) {
            event(found.get(), detail, round);
        }
    }

    private void event(Tracked tracked, String detail, Round round) {
        tracked.event(round.now, Observation.symptom(detail), () -> {
            Work work = round.disrupting(tracked.disruptedBy());
            return work != null && !work.state().ended() ? work : null;
        });
        if (tracked.expectedBy != null) {
            noteExpected(tracked, tracked.expectedBy);
        }
        Set<Tracked> ran = new HashSet<>();
        ran.add(tracked);
        classify(round, ran);
    }

    /** When a check has fired: the checks that did not run this round run now, then one type is opened. */
    private void classify(Round round, Set<Tracked> ran) {
        Instant now = round.now;
        if (checks.stream().noneMatch(Tracked::fired)) {
            return;
        }
        for (Tracked tracked : checks) {
            if (!ran.contains(tracked)) {
                run(tracked, round);
            }
        }
        List<Tracked> symptoms = inOrder(checks.stream().filter(Tracked::showsSymptom).toList());
        List<Tracked> reached = inOrder(checks.stream().filter(Tracked::reached).toList());
        List<Tracked> fired = checks.stream().filter(Tracked::fired).toList();
        Instant since = symptoms.stream().map(tracked -> tracked.failingSince).min(Comparator.naturalOrder())
                .orElse(now);
        open(reached, symptoms, since);
        fired.forEach(Tracked::reset);
    }

    /** Upstream first: by {@code recovery.monitor.order}, and in the order configured within a type. */
    private List<Tracked> inOrder(List<Tracked> tracked) {
        return tracked.stream().sorted(Comparator.comparingInt(check -> settings.order().indexOf(check.type()))).toList();
    }

    /** Runs one check, telling it whether one of our own actions disrupts it now. */
    private void run(Tracked tracked, Round round) {
        tracked.run(round.now, () -> round.disrupting(tracked.disruptedBy()));
        if (tracked.expectedBy != null) {
            noteExpected(tracked, tracked.expectedBy);
        }
    }

    /**
     * An expected failure is logged and noted in the timeline of the incident the action is for, once per check and
     * work: it counts toward nothing, yet whoever follows the incident sees what the action did to the checks.
     */
    private void noteExpected(Tracked tracked, Work work) {
        if (!expected.add(work.id() + "/" + tracked.name())) {
            log.debug("Check '{}' fails while {} ({}) runs or settles: expected: {}", tracked.name(), work.action(),
                    work.id(), tracked.last.detail());
            return;
        }
        String detail = "[" + tracked.type().id() + "] " + tracked.name() + ": " + tracked.last.detail() + " - "
                + work.action() + (work.state().ended() ? " 종료 후 확인 시간" : " 실행 중") + " (백그라운드 작업 "
                + work.id().substring(0, 8) + "): 조치가 끝나고 " + (ownActions.settle().toMillis() + 999) / 1000
                + "초가 지날 때까지 이 점검의 실패는 장애로 세지 않음";
        Optional<Incident> incident = Optional.ofNullable(work.reference()).flatMap(incidents::find);
        log.info("Check '{}' fails while {} (work {}, for {}) runs or settles, as expected: counted toward no incident: {}",
                tracked.name(), work.action(), work.id(), incident.map(Incident::id).orElse("no incident"),
                tracked.last.detail());
        incident.ifPresent(found -> incidents.note(found.id(), EXPECTED_SYMPTOM, detail));
    }

    /**
     * Opens the type of the first check that reached its threshold, upstream first; every other symptom goes to its
     * timeline. A type without a runbook gives way to the next type that reached its threshold, never to a symptom
     * below it.
     */
    private void open(List<Tracked> reached, List<Tracked> symptoms, Instant since) {
        if (duringMaintenance(reached.get(0).type(), symptoms)) {
            return;
        }
        List<String> skipped = new ArrayList<>();
        for (FailureType type : new LinkedHashSet<>(reached.stream().map(Tracked::type).toList())) {
            Tracked first = reached.stream().filter(tracked -> tracked.type() == type).findFirst().orElseThrow();
            IncidentService.Opened opened;
            try {
                opened = incidents.open(new IncidentRequest(type, first.probe.check().scope(),
                        first.probe.check().summary() + ": " + first.last.detail(), SOURCE, null, since, true));
            } catch (InvalidInputException noRunbook) {
                if (refused.add(type)) {
                    log.warn("Check '{}' shows the symptom of {}, which has no runbook deployed ({}); trying the next "
                            + "type in the order", first.name(), type, noRunbook.getMessage());
                }
                skipped.add(type.id());
                continue;
            }
            Set<String> others = new LinkedHashSet<>();
            for (Tracked tracked : symptoms) {
                if (tracked != first) {
                    others.add("[" + tracked.type().id() + "] " + tracked.name() + ": " + tracked.last.detail()
                            + (skipped.contains(tracked.type().id()) ? " (런북 미배포)" : ""));
                }
            }
            recordOthers(type, opened, others);
            if (!opened.deduplicated()) {
                log.warn("Check '{}' and {} other symptom(s): opened incident {} ({})", first.name(), others.size(),
                        opened.incident().id(), type);
            }
            return;
        }
        log.debug("Checks of {} reached their thresholds but none of these types has a runbook deployed", skipped);
    }

    /**
     * When the type the outage is classified as is under maintenance, every symptom seen is recorded on the window and
     * nothing opens: planned work pages nobody, and its downstream symptoms are part of it.
     */
    private boolean duringMaintenance(FailureType classified, List<Tracked> symptoms) {
        Optional<MaintenanceWindow> window = maintenance.covering(classified);
        window.ifPresent(w -> symptoms.forEach(tracked -> maintenance.record(w, SOURCE, tracked.type(),
                "check " + tracked.name(), tracked.probe.check().summary() + ": " + tracked.last.detail())));
        return window.isPresent();
    }

    /** Adds the symptoms not yet in the incident's timeline; a lasting failure does not repeat them every round. */
    private void recordOthers(FailureType type, IncidentService.Opened opened, Set<String> others) {
        String id = opened.incident().id();
        Noted before = noted.get(type);
        Set<String> known = before != null && before.incidentId().equals(id) ? before.keys() : new HashSet<>();
        for (String other : others) {
            String key = other.substring(0, other.indexOf(':'));
            if (known.add(key)) {
                incidents.note(id, OTHER_SYMPTOM, other);
            }
        }
        noted.put(type, new Noted(id, known));
    }

    private void forgetRefusalsThatCleared() {
        refused.removeIf(type -> checks.stream().noneMatch(tracked -> tracked.type() == type && tracked.showsSymptom()));
    }

    /** @param keys type and check of each symptom already in the incident's timeline */
    private record Noted(String incidentId, Set<String> keys) {
    }

    /** One round's time and our own actions as recorded, read at most once, when a disruptable check fails. */
    private final class Round {
        private final Instant now;
        private List<Work> works;
        private boolean forgotten;

        Round(Instant now) {
            this.now = now;
        }

        /** Reads our own actions now (without the monitor's lock: it touches nothing of the monitor's). */
        void readOwnActions() {
            works = ownActions.disruptingAt(now);
        }

        /** The work of one of {@code actions} that makes a check fail now, live ones first; null when none. */
        Work disrupting(Set<String> actions) {
            if (actions.isEmpty()) {
                return null;
            }
            if (works == null) {
                readOwnActions();
            }
            if (!forgotten) {
                forgotten = true;
                Set<String> ids = works.stream().map(Work::id).collect(Collectors.toSet());
                expected.removeIf(key -> !ids.contains(key.substring(0, key.indexOf('/'))));
            }
            return works.stream().filter(work -> actions.contains(work.action())).findFirst().orElse(null);
        }
    }

    /** A check and what the monitor remembers of it. */
    private static final class Tracked {

        /** How early by the wall clock a round may start and still run a check whose interval has passed. */
        private static final Duration JITTER = Duration.ofMillis(50);
        private final Probe probe;
        private final Duration interval;
        private final int threshold;
        private Instant lastRun;
        private Observation last = Observation.clear("not run yet");
        private int failures;
        private Instant failingSince;
        /** Fired since it last passed (its count may have started again at an opening since). */
        private boolean reached;
        /** The work of our own that made the last symptom expected; null when it was none, or no symptom. */
        private Work expectedBy;

        Tracked(Probe probe, MonitorSettings settings) {
            this.probe = probe;
            this.interval = probe.check().interval() != null ? probe.check().interval() : settings.interval();
            this.threshold = probe.check().threshold() != null ? probe.check().threshold()
                    : settings.failuresBeforeIncident();
        }

        String name() {
            return probe.check().name();
        }

        FailureType type() {
            return probe.check().opens();
        }

        Set<String> disruptedBy() {
            return probe.check().disruptedBy();
        }

        /**
         * Its interval has passed since it last ran, give or take {@link #JITTER}: rounds start every interval, and a
         * round that starts a millisecond early by the wall clock must not leave the check waiting a whole interval.
         */
        boolean due(Instant now) {
            return lastRun == null || !now.isBefore(lastRun.plus(interval).minus(jitter()));
        }

        private Duration jitter() {
            Duration tenth = interval.dividedBy(10);
            return tenth.compareTo(JITTER) < 0 ? tenth : JITTER;
        }

        /**
         * Looks once and counts a symptom, unless one of our own actions disrupts this check now: then the count
         * starts again and the symptom is expected.
         *
         * @param disrupting asked only when a symptom is seen: the work that makes it expected, or null
         */
        void run(Instant now, Supplier<Work> disrupting) {
            lastRun = now;
            expectedBy = null;
            Observation seen = probe.observe();
            if (seen.outcome() == Outcome.CANNOT_RUN && last.outcome() != Outcome.CANNOT_RUN) {
                log.warn("Check '{}' cannot run, so it shows no symptom until it can: {}", name(), seen.detail());
            } else if (seen.outcome() != Outcome.CANNOT_RUN && last.outcome() == Outcome.CANNOT_RUN) {
                log.info("Check '{}' runs again", name());
            }
            last = seen;
            if (!seen.symptom()) {
                passed();
                return;
            }
            expectedBy = disrupting.get();
            if (expectedBy != null) {
                passed();
                return;
            }
            if (failingSince == null) {
                failingSince = now;
            }
            failures++;
            reached |= failures >= threshold;
            log.debug("Check '{}' shows the symptom of {} ({} in a row): {}", name(), type(), failures, seen.detail());
        }

        /**
         * An event showed the symptom: it counts as the threshold reached at once, unless one of our own actions
         * disrupts the check now. The check's polling goes on as before.
         */
        void event(Instant now, Observation seen, Supplier<Work> disrupting) {
            expectedBy = null;
            last = seen;
            expectedBy = disrupting.get();
            if (expectedBy != null) {
                passed();
                return;
            }
            if (failingSince == null) {
                failingSince = now;
            }
            failures = Math.max(failures + 1, threshold);
            reached = true;
            log.debug("Event for check '{}' shows the symptom of {}: {}", name(), type(), seen.detail());
        }

        /** Shown its symptom in {@code threshold} rounds in a row, counted since it last passed or last fired. */
        boolean fired() {
            return showsSymptom() && failures >= threshold;
        }

        /** Shows its symptom, and has fired since it last passed: its symptom may decide the type. */
        boolean reached() {
            return showsSymptom() && reached;
        }

        /** A symptom seen in its last look and counted: not one that our own action made expected. */
        boolean showsSymptom() {
            return last.symptom() && expectedBy == null;
        }

        /** Counted from scratch after every opening: a failure after this one began later. */
        void reset() {
            failures = 0;
            failingSince = null;
        }

        /** A pass, a check that cannot run, or a failure our own action made expected: nothing is counted. */
        private void passed() {
            reset();
            reached = false;
        }
    }
}
