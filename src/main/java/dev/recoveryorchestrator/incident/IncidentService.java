package dev.recoveryorchestrator.incident;

import dev.recoveryorchestrator.action.TargetSettings;
import dev.recoveryorchestrator.config.EngineClock;
import dev.recoveryorchestrator.config.InvalidInputException;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one place that opens incidents and starts their processes, and the record every step writes its
 * findings to.
 */
@Service
public class IncidentService {

    /** Key of the shared frame every incident runs in. */
    public static final String LIFECYCLE_PROCESS = "incident-lifecycle";
    private static final Logger log = LoggerFactory.getLogger(IncidentService.class);

    private final IncidentStore store;
    private final RuntimeService runtime;
    private final RepositoryService repository;
    private final TransactionTemplate transaction;
    private final TargetSettings target;
    private final ObjectiveSettings objectives;
    private final MeterRegistry metrics;

    IncidentService(IncidentStore store, RuntimeService runtime, RepositoryService repository,
            TransactionTemplate transaction, TargetSettings target, ObjectiveSettings objectives, MeterRegistry metrics) {
        this.store = store;
        this.runtime = runtime;
        this.repository = repository;
        this.transaction = transaction;
        this.target = target;
        this.objectives = objectives;
        this.metrics = metrics;
        Gauge.builder("recovery.incidents.open", store, IncidentStore::countOpen)
                .description("Incidents open now, over every node").register(metrics);
    }

    /**
     * Opens an incident and starts its lifecycle in one transaction. When one of the same type is already open
     * for the target, nothing starts and that one is returned: the unique key in our table decides, so two
     * nodes racing for the same failure still open one incident.
     *
     * @throws InvalidInputException when no runbook process of the type is deployed: nothing is stored
     */
    public Opened open(IncidentRequest request) {
        if (repository.createProcessDefinitionQuery().processDefinitionKey(request.type().runbookProcessKey()).count() == 0) {
            throw new InvalidInputException("type", "type '" + request.type().id() + "' has no runbook deployed ("
                    + request.type().runbookProcessKey() + ")");
        }
        Optional<Incident> open = store.findOpen(request.type(), target.name());
        if (open.isPresent()) {
            return deduplicated(open.get());
        }
        Instant now = EngineClock.now();
        Instant began = request.occurredAt() == null || request.occurredAt().isAfter(now) ? now : request.occurredAt();
        Incident incident = new Incident(UUID.randomUUID().toString(), request.type(), target.name(),
                request.scope().id(), request.summary(), request.source(), request.openedBy(), IncidentState.OPEN,
                null, false, began, began.plus(objectives.rto().target()), null, null, null);
        try {
            Incident started = transaction.execute(status -> {
                store.insertOpen(incident);
                ProcessInstance instance = runtime.startProcessInstanceByKey(
                        LIFECYCLE_PROCESS, incident.id(), IncidentVariables.of(incident));
                store.attachProcess(incident.id(), instance.getId());
                return store.find(incident.id()).orElseThrow();
            });
            log.info("Opened incident {} ({}) for {}", started.id(), started.type(), started.target());
            metrics.counter("recovery.incidents.opened", "type", started.type().id()).increment();
            return new Opened(started, false);
        } catch (DuplicateKeyException raced) {
            return store.findOpen(request.type(), target.name())
                    .map(this::deduplicated)
                    .orElseThrow(() -> raced);
        }
    }

    private Opened deduplicated(Incident open) {
        metrics.counter("recovery.incidents.deduplicated", "type", open.type().id()).increment();
        return new Opened(open, true);
    }

    public Optional<Incident> find(String id) {
        return store.find(id);
    }

    public List<Incident> list(Optional<IncidentState> state) {
        return store.list(state, 500);
    }

    public List<TimelineEntry> timeline(String id) {
        return store.timeline(id);
    }

    /** Adds a finding or an action to the incident's timeline. */
    public void note(String incidentId, String step, String detail) {
        store.addEvent(incidentId, EngineClock.now(), step, detail);
    }

    /** Records recovery: recoveredAt, downtime, and frees the slot for a new incident of this type. */
    public Incident markRecovered(String incidentId) {
        Instant now = EngineClock.now();
        if (store.markRecovered(incidentId, now)) {
            note(incidentId, "복구 완료", "헬스 체크 통과, 서비스 정상 작동 확인");
            Incident recovered = store.find(incidentId).orElseThrow();
            Timer.builder("recovery.incident.downtime").description("From the failure to the passed health check")
                    .tag("type", recovered.type().id()).register(metrics).record(recovered.downtime());
            return recovered;
        }
        return store.find(incidentId).orElseThrow();
    }

    public void escalatedTo(String incidentId, String tier) {
        store.setTier(incidentId, tier);
    }

    public void markCritical(String incidentId) {
        store.markCritical(incidentId);
    }

    /** The outcome of {@link #open}: the incident, and whether it was already open. */
    public record Opened(Incident incident, boolean deduplicated) {
    }
}
