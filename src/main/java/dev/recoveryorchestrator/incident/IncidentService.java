package dev.recoveryorchestrator.incident;

import dev.recoveryorchestrator.action.TargetSettings;
import dev.recoveryorchestrator.config.EngineClock;
import dev.recoveryorchestrator.config.InvalidInputException;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one place that opens incidents and starts their processes, and the record every step writes its
 * findings to. Each change of state is published as an event ({@link IncidentOpened}, {@link IncidentEscalated},
 * {@link IncidentRecovered}, {@link IncidentClosed}) in the transaction that makes it, so listeners (the metrics)
 * hear it once, after commit, and never for a change that was rolled back.
 */
@Service
public class IncidentService {

    /** The timeline step of an acknowledgement (the checklist reads its code, {@link TimelineCode#ACKNOWLEDGED}). */
    public static final String ACKNOWLEDGED = TimelineCode.ACKNOWLEDGED.label();
    /** Key of the shared frame every incident runs in. */
    public static final String LIFECYCLE_PROCESS = "incident-lifecycle";
    /** The message that tells a running lifecycle its incident was closed. */
    public static final String CLOSE_MESSAGE = "IncidentClosed";
    /** How often a close that met a running step is done again, and the pause before each (times the attempt). */
    static final int CLOSE_ATTEMPTS = 5;
    static final Duration CLOSE_PAUSE = Duration.ofMillis(100);
    /** The message that tells a running lifecycle an alert about its incident was resolved (checked, not believed). */
    public static final String ALERT_RESOLVED = "AlertResolved";
    /** Who closes an incident when no person does (the lifecycle ended, the orphan sweep). */
    public static final String SYSTEM = "system";
    private static final Logger log = LoggerFactory.getLogger(IncidentService.class);

    private final IncidentStore store;
    private final RuntimeService runtime;
    private final RepositoryService repository;
    private final TransactionTemplate transaction;
    private final TargetSettings target;
    private final ObjectiveSettings objectives;
    private final MeterRegistry metrics;
    private final ApplicationEventPublisher events;
    private final IncidentTimeline timeline;

    IncidentService(IncidentStore store, RuntimeService runtime, RepositoryService repository,
            TransactionTemplate transaction, TargetSettings target, ObjectiveSettings objectives, MeterRegistry metrics,
            ApplicationEventPublisher events, IncidentTimeline timeline) {
        this.timeline = timeline;
        this.store = store;
        this.runtime = runtime;
        this.repository = repository;
        this.transaction = transaction;
        this.target = target;
        this.objectives = objectives;
        this.metrics = metrics;
        this.events = events;
    }

    /**
     * Opens an incident and starts its lifecycle in one transaction. When one of the same type is already open
     * for the target, nothing starts and that one is returned: the unique key in our table decides, so two
     * nodes racing for the same failure still open one incident.
     *
     * @throws InvalidInputException when no runbook process of the type is deployed, or its latest version is
     *     suspended (in Cockpit), and no incident of the type is open to join: nothing is stored
     */
    public Opened open(IncidentRequest request) {
        return open(request, false);
    }

    /**
     * Opens a DR drill's incident (훈련): the same lifecycle and runbook as {@link #open}, marked drill in our row and
     * in the variable {@code drill}. It has its own open slot (a drill never absorbs a real incident, nor a real one a
     * drill), never pages the approver tier and counts in the drill metrics only. Only {@code inspection-drill} calls
     * this, after it has checked that the target may be drilled.
     */
    public Opened openDrill(IncidentRequest request) {
        return open(request, true);
    }

    private Opened open(IncidentRequest request, boolean drill) {
        // The open incident first: a repeat joins the incident whose lifecycle already runs, and needs no runbook
        // lookup (in an alert storm that engine query was a fifth of the intake's time).
        Optional<Incident> open = store.findOpen(request.type(), target.name(), drill);
        if (open.isPresent()) {
            return deduplicated(open.get());
        }
        if (!runbookActive(request.type())) {
            throw new InvalidInputException("type", "type '" + request.type().id() + "' has no active runbook deployed ("
                    + request.type().runbookProcessKey() + ")");
        }
        Instant now = EngineClock.now();
        Instant began = request.occurredAt() == null || request.occurredAt().isAfter(now) ? now : request.occurredAt();
        Incident incident = Incident.opened(UUID.randomUUID().toString(), request.type(), target.name(),
                request.scope().id(), request.summary(), request.source(), request.openedBy(), began,
                began.plus(objectives.rto().target()), request.confirmedByCheck() ? began : null, drill);
        try {
            Incident started = transaction.execute(status -> {
                store.insertOpen(incident, request.relapseOf());
                if (request.relapseOf() != null) {
                    note(incident.id(), "재발", "이전 장애 " + request.relapseOf() + " 복구 후 같은 유형의 장애가 다시 발생함");
                }
                ProcessInstance instance = runtime.startProcessInstanceByKey(
                        LIFECYCLE_PROCESS, incident.id(), IncidentVariables.of(incident));
                store.attachProcess(incident.id(), instance.getId());
                Incident stored = store.find(incident.id()).orElseThrow();
                events.publishEvent(new IncidentOpened(stored));
                return stored;
            });
            log.info("Opened {} {} ({}) for {}", drill ? "drill incident" : "incident", started.id(), started.type(),
                    started.target());
            return new Opened(started, false);
        } catch (DuplicateKeyException raced) {
            return store.findOpen(request.type(), target.name(), drill)
                    .map(this::deduplicated)
                    .orElseThrow(() -> raced);
        }
    }

    /** Not a change of state (nothing is stored), so counted here rather than through an event. */
    private Opened deduplicated(Incident open) {
        metrics.counter("recovery.incidents.deduplicated", "type", open.type().id(), "drill",
                String.valueOf(open.drill())).increment();
        return new Opened(open, true);
    }

    /** Whether the type's runbook is deployed and its latest version not suspended (the lifecycle calls that one). */
    public boolean runbookActive(FailureType type) {
        return repository.createProcessDefinitionQuery().processDefinitionKey(type.runbookProcessKey()).latestVersion()
                .active().count() > 0;
    }

    public Optional<Incident> find(String id) {
        return store.find(id);
    }

    public List<Incident> list(Optional<IncidentState> state) {
        return store.list(state, 500);
    }

    /** One page of incidents, newest first, and how many match the query's filters. */
    public Page list(IncidentQuery query) {
        IncidentStore.Page page = store.list(query);
        return new Page(page.incidents(), page.total());
    }

    /**
     * The incident of this type that recovered most recently within {@code window} before now, for the target: a
     * failure now is then a relapse ("재발") of it.
     */
    public Optional<Incident> recoveredWithin(FailureType type, Duration window) {
        Instant now = EngineClock.now();
        return store.lastRecovered(type, target.name(), now.minus(window), now);
    }

    /** The incident this one is a relapse of, when it is one. */
    public Optional<String> relapseOf(String id) {
        return store.relapseOf(id);
    }

    /** The open DR drill incident of the type for our target, if any (drills have their own slot). */
    public Optional<Incident> findOpenDrill(FailureType type) {
        return store.findOpen(type, target.name(), true);
    }

    /** The open incident of the type for our target, if any. */
    public Optional<Incident> findOpen(FailureType type) {
        return store.findOpen(type, target.name());
    }

    /**
     * Tells an open incident's lifecycle that an alert about it was resolved (message {@value #ALERT_RESOLVED}). The
     * lifecycle then checks health itself and ends the response only when the check passes; the alert's word alone
     * changes nothing. Returns false when no lifecycle waits for the message (the incident is no longer in its
     * response); the timeline says so either way.
     */
    public boolean alertResolved(String incidentId, String detail) {
        return alertResolved(incidentId, null, detail);
    }

    /**
     * {@link #alertResolved(String, String)} where the same resolved alert again ({@code repeatKey}, e.g. its
     * fingerprint) adds one to the count of its timeline entry instead of writing another.
     */
    public boolean alertResolved(String incidentId, String repeatKey, String detail) {
        Incident incident = store.find(incidentId).orElseThrow();
        if (incident.state() != IncidentState.OPEN || incident.processInstanceId() == null) {
            return false;
        }
        boolean heard = !runtime.createMessageCorrelation(ALERT_RESOLVED)
                .processInstanceId(incident.processInstanceId())
                .correlateAllWithResult().isEmpty();
        String text = detail + (heard ? ": 헬스 체크로 확인함" : ": 대응 중이 아니어서 기록만 함");
        if (repeatKey == null) {
            note(incidentId, "알림 해결", text);
        } else {
            noteRepeated(incidentId, "resolved:" + heard + ":" + repeatKey, "알림 해결", text);
        }
        return heard;
    }

    /** The incident's timeline, oldest first; an entry that repeated says how often and when last. */
    public List<TimelineEntry> timeline(String id) {
        return timeline.entries(id);
    }

    /**
     * Records an outside event that may repeat (the same alert again, an alert storm): the first time as a timeline
     * entry, every repeat as one more on that entry's count and its last time, so that a storm is one entry and not
     * thousands. The count is kept in the database and exact under concurrent requests. Call it outside a transaction.
     *
     * @param key what makes two events the same (e.g. {@code alert:<fingerprint>}); unique per incident
     */
    public void noteRepeated(String incidentId, String key, String step, String detail) {
        timeline.addOrRepeat(incidentId, key, step, detail);
    }

    /**
     * Counts one more repeat on the incident's entry with this key, when it has one.
     *
     * @return false when there is no such entry yet (nothing changed)
     */
    public boolean repeated(String incidentId, String key) {
        return store.repeatEvent(incidentId, key, EngineClock.now());
    }

    /** How many distinct repeatable entries with a key starting with {@code prefix} the incident has. */
    public int countRepeatable(String incidentId, String prefix) {
        return store.countKeyed(incidentId, prefix);
    }

    /** The runbook's checklist as the timeline shows it so far. */
    public List<ChecklistItem> checklist(String id) {
        Incident incident = store.find(id).orElseThrow(() -> new IncidentNotOpenException(id, null));
        return Checklist.of(incident, store.timeline(id));
    }

    /**
     * Adds a finding or an action to the incident's timeline. Its actor is the person whose request is being served
     * (Camunda's current authentication: who completes a task in Tasklist or over REST, and every step that runs at
     * once on that word); none when the orchestrator acts on its own (a job, the monitor).
     */
    public void note(String incidentId, String step, String detail) {
        note(incidentId, step, null, detail);
    }

    /**
     * {@link #note(String, String, String)} of an entry that a reader recognises (the checklist, the report), under
     * the code's own step name ({@link TimelineCode#label()}).
     */
    public void note(String incidentId, TimelineCode code, String detail) {
        note(incidentId, code.label(), code, detail);
    }

    /** {@link #note(String, String, String)} with its code, under a step named by the caller (an action's step). */
    public void note(String incidentId, String step, TimelineCode code, String detail) {
        timeline.add(incidentId, step, code, detail);
    }

    /** Adds an entry to the timeline done by {@code actor} (a user id; null for the orchestrator). */
    public void noteBy(String incidentId, String step, String detail, String actor) {
        store.addEvent(incidentId, EngineClock.now(), step, detail, actor, null);
    }

    /** {@link #noteBy(String, String, String, String)} with its code, under the code's step name. */
    public void noteBy(String incidentId, TimelineCode code, String detail, String actor) {
        store.addEvent(incidentId, EngineClock.now(), code.label(), detail, actor, code);
    }

    /**
     * A responder acknowledges an incident ("I'm on it"). The first acknowledgement of an OPEN incident is recorded
     * with who, when and how, goes on the timeline (and so the checklist) and is published ({@link
     * IncidentAcknowledged}); later ones change nothing and return the first. The runbook and its time-based
     * escalation go on unchanged: an acknowledgement consults nobody less.
     *
     * @throws IncidentNotOpenException when the incident is unknown, or no longer open and never acknowledged
     */
    public Acknowledged acknowledge(String incidentId, String by, String via) {
        return transaction.execute(status -> {
            Incident incident = store.find(incidentId).orElseThrow(() -> new IncidentNotOpenException(incidentId, null));
            Instant now = EngineClock.now();
            if (store.acknowledge(incidentId, now, by, via)) {
                Acknowledgement first = store.acknowledgement(incidentId).orElseThrow();
                noteBy(incidentId, TimelineCode.ACKNOWLEDGED, by + " 확인 (" + first.viaWords() + ")", by);
                events.publishEvent(new IncidentAcknowledged(incident, first));
                log.info("Incident {} acknowledged by {} ({})", incidentId, by, via);
                return new Acknowledged(first, true);
            }
            return store.acknowledgement(incidentId).map(earlier -> new Acknowledged(earlier, false))
                    .orElseThrow(() -> new IncidentNotOpenException(incidentId, incident.state()));
        });
    }

    /** The incident's acknowledgement, when it has one. */
    public Optional<Acknowledgement> acknowledgement(String incidentId) {
        return store.acknowledgement(incidentId);
    }

    /**
     * Marks a mail link's nonce used, in the caller's transaction or its own; false when the link was used before
     * (a link acknowledges once).
     */
    public boolean useAcknowledgeLink(String nonce, String incidentId, String by) {
        return store.useLink(nonce, incidentId, EngineClock.now(), by);
    }

    /** Open incidents counted by type, tier, acknowledged and drill (the metrics). */
    public List<OpenIncidentCount> openCounts() {
        return store.openCounts();
    }

    /** Records recovery now: recoveredAt, downtime, and frees the slot for a new incident of this type. */
    public Incident markRecovered(String incidentId) {
        return markRecovered(incidentId, EngineClock.now());
    }

    /** Records recovery as of {@code recoveredAt} (the first of the passing checks that confirmed it). */
    public Incident markRecovered(String incidentId, Instant recoveredAt) {
        if (store.markRecovered(incidentId, recoveredAt)) {
            note(incidentId, TimelineCode.RECOVERED, "헬스 체크 통과, 서비스 정상 작동 확인");
            Incident recovered = store.find(incidentId).orElseThrow();
            events.publishEvent(new IncidentRecovered(recovered));
            return recovered;
        }
        return store.find(incidentId).orElseThrow();
    }

    /**
     * Closes an OPEN incident without a confirmed recovery: a false alarm, a reclassification, handled elsewhere.
     * The row is CLOSED (its open slot freed) and, when its lifecycle still runs, the lifecycle is told in the same
     * transaction; it then ends every task and timer and tells the users.
     *
     * @throws IncidentNotOpenException when the incident is unknown or no longer open; nothing changes
     */
    public Incident close(String incidentId, String reason, String closedBy) {
        // Closing ends the lifecycle, and with it whatever step of the runbook runs at that moment on a job thread:
        // the engine then refuses one of the two (OptimisticLockingException) and rolls back all of it. The close is
        // done again on the state that the step left, as a person pressing the button again would.
        for (int attempt = 1; ; attempt++) {
            try {
                return closeOnce(incidentId, reason, closedBy);
            } catch (OptimisticLockingException e) {
                if (attempt >= CLOSE_ATTEMPTS) {
                    throw e;
                }
                log.info("Closing incident {} met a step of its runbook running at the same moment; closing again ({}/{})",
                        incidentId, attempt + 1, CLOSE_ATTEMPTS);
                try {
                    Thread.sleep(CLOSE_PAUSE.toMillis() * attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private Incident closeOnce(String incidentId, String reason, String closedBy) {
        return transaction.execute(status -> {
            Incident incident = store.find(incidentId).orElseThrow(() -> new IncidentNotOpenException(incidentId, null));
            if (!store.markClosed(incidentId, EngineClock.now(), reason, closedBy)) {
                throw new IncidentNotOpenException(incidentId, incident.state());
            }
            noteBy(incidentId, "장애 종료", reason + " (" + closedBy + ")", closedBy);
            if (incident.processInstanceId() != null && runtime.createProcessInstanceQuery()
                    .processInstanceId(incident.processInstanceId()).count() > 0) {
                runtime.createMessageCorrelation(CLOSE_MESSAGE)
                        .processInstanceId(incident.processInstanceId())
                        .setVariable(IncidentVariables.CLOSED_REASON, reason)
                        .correlate();
            }
            log.info("Closed incident {} ({}): {}", incidentId, closedBy, reason);
            Incident closed = store.find(incidentId).orElseThrow();
            events.publishEvent(new IncidentClosed(closed));
            return closed;
        });
    }

    /**
     * The lifecycle of an incident ended while the incident was still OPEN (cancelled or deleted in Cockpit, or
     * found missing): the row follows, CLOSED with the reason, so that it no longer deduplicates new failures.
     * Runs in the caller's transaction; does nothing when the incident is no longer open.
     */
    public boolean closeBecauseLifecycleEnded(String incidentId, String reason) {
        return closeInProcess(incidentId, reason, SYSTEM);
    }

    /** Closes an OPEN incident from inside its own lifecycle (the runbook found a false alarm, a reclassification). */
    boolean closeInProcess(String incidentId, String reason, String closedBy) {
        if (!store.markClosed(incidentId, EngineClock.now(), reason, closedBy)) {
            return false;
        }
        note(incidentId, "장애 종료", reason + (SYSTEM.equals(closedBy) ? "" : " (" + closedBy + ")"));
        store.find(incidentId).ifPresent(closed -> events.publishEvent(new IncidentClosed(closed)));
        log.warn("Incident {} closed: {}", incidentId, reason);
        return true;
    }

    /**
     * Records a temporary measure now in force (read-only mode) on the incident and in its timeline, or with
     * {@code null} that it has been switched off again: a measure never stays on silently.
     */
    public void temporaryMeasure(String incidentId, String step, String measure, String detail) {
        store.temporaryMeasure(incidentId, measure);
        note(incidentId, step, detail);
    }

    /** Records that a check confirmed the failure the incident is about; the first confirmation is kept. */
    public void confirmSymptom(String incidentId, String finding) {
        store.confirmSymptom(incidentId, EngineClock.now());
        note(incidentId, TimelineCode.SYMPTOM_CONFIRMED, finding);
    }

    /** OPEN incidents whose lifecycle is not running (deleted without our listener, a crash, a restore). */
    List<Incident> openWithoutLifecycle() {
        return store.listOpen().stream()
                .filter(incident -> incident.processInstanceId() == null || runtime.createProcessInstanceQuery()
                        .processInstanceId(incident.processInstanceId()).count() == 0)
                .toList();
    }

    public void escalatedTo(String incidentId, String tier) {
        store.setTier(incidentId, tier);
        boolean drill = store.find(incidentId).map(Incident::drill).orElse(false);
        events.publishEvent(new IncidentEscalated(incidentId, tier, drill));
    }

    public void markCritical(String incidentId) {
        store.markCritical(incidentId);
    }

    /** The incident is unknown ({@code state} null) or no longer open. */
    public static final class IncidentNotOpenException extends RuntimeException {

        private final IncidentState state;

        IncidentNotOpenException(String incidentId, IncidentState state) {
            super(state == null ? "no incident " + incidentId : "incident " + incidentId + " is " + state + ", not OPEN");
            this.state = state;
        }

        public IncidentState state() {
            return state;
        }
    }

    /** The outcome of {@link #acknowledge}: the acknowledgement in force, and whether this call made it. */
    public record Acknowledged(Acknowledgement acknowledgement, boolean first) {
    }

    /** A page of incidents and how many match the filters in all. */
    public record Page(List<Incident> incidents, long total) {
    }

    /** The outcome of {@link #open}: the incident, and whether it was already open. */
    public record Opened(Incident incident, boolean deduplicated) {
    }
}
