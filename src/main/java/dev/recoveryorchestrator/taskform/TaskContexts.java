package dev.recoveryorchestrator.taskform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.recoveryorchestrator.action.LogFiles;
import dev.recoveryorchestrator.action.TargetSettings;
import dev.recoveryorchestrator.config.LocalTimes;
import dev.recoveryorchestrator.escalation.EscalationSettings;
import dev.recoveryorchestrator.escalation.EscalationSettings.Tier;
import dev.recoveryorchestrator.incident.AuditTrail;
import dev.recoveryorchestrator.incident.Incident;
import dev.recoveryorchestrator.incident.IncidentService;
import dev.recoveryorchestrator.incident.IncidentVariables;
import dev.recoveryorchestrator.incident.ObjectiveSettings;
import dev.recoveryorchestrator.incident.TimelineEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.runtime.VariableInstance;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Builds a task's {@link TaskContext} from our incident table, its timeline, the runbook's findings and the
 * target's log. Each list is bounded so that no form grows without limit.
 */
@Component
class TaskContexts {

    /**
     * A string variable holds at most 4000 characters (Camunda's text column); the context stays below that with
     * room to spare, each list keeping its newest lines within its share.
     */
    static final int MAX_JSON = 3900;
    static final int MAX_LINE = 240;
    static final int FINDINGS_BUDGET = 1000;
    static final int TRIED_BUDGET = 900;
    static final int LOG_BUDGET = 600;
    static final int LOG_LINES = 20;
    static final int MAX_ASK = 1500;
    static final String DRILL_PROCESS = "inspection-drill";

    private final IncidentService incidents;
    private final RuntimeService runtime;
    private final ObjectiveSettings objectives;
    private final EscalationSettings escalation;
    private final TargetSettings target;
    private final LocalTimes times;
    private final ObjectMapper json;

    TaskContexts(IncidentService incidents, @Lazy RuntimeService runtime, ObjectiveSettings objectives,
            EscalationSettings escalation, TargetSettings target, LocalTimes times, ObjectMapper json) {
        this.incidents = incidents;
        this.runtime = runtime;
        this.objectives = objectives;
        this.escalation = escalation;
        this.target = target;
        this.times = times;
        this.json = json;
    }

    /** The incident {@code task} belongs to, or empty for a task outside any incident. */
    Optional<Incident> incidentOf(DelegateTask task) {
        return task.getVariable(IncidentVariables.INCIDENT_ID) instanceof String incidentId
                ? incidents.find(incidentId) : Optional.empty();
    }

    /** The context as JSON text of at most {@link #MAX_JSON} characters: lists give way, the facts stay. */
    String toJson(TaskContext context) {
        TaskContext fitted = context;
        String text = write(fitted);
        if (text.length() > MAX_JSON) {
            fitted = fitted.withLists(fitted.findings(), fitted.tried(), List.of());
            text = write(fitted);
        }
        if (text.length() > MAX_JSON) {
            fitted = fitted.withLists(fitted.findings(), List.of(), List.of());
            text = write(fitted);
        }
        if (text.length() > MAX_JSON) {
            fitted = fitted.withLists(List.of(), List.of(), List.of());
            text = write(fitted);
        }
        return text;
    }


    private String write(TaskContext context) {
        try {
            return json.writeValueAsString(context);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("task context cannot be written as JSON", e);
        }
    }

    /** The first tier still to join after {@code now}, if any. */
    Optional<Tier> nextTier(Incident incident, Instant now) {
        return escalation.tiers().stream()
                .filter(tier -> incident.openedAt().plus(tier.after()).isAfter(now))
                .findFirst();
    }

    TaskContext context(Incident incident, DelegateTask task, Instant now) {
        Optional<Tier> next = nextTier(incident, now);
        Instant acceptable = acceptableDeadline(incident);
        Instant nextAt = next.map(tier -> incident.openedAt().plus(tier.after())).orElse(null);
        LogFiles.LogRead log = LogFiles.tail(target.logFile(), LOG_LINES);
        return new TaskContext(
                incident.id(),
                Incident.shortId(incident.id()),
                incident.type().id(),
                "Type " + incident.type().number() + " " + incident.type().koreanName(),
                incident.scope(),
                bounded(incident.summary()),
                incident.target(),
                incident.tier(),
                incident.drill(),
                incident.openedAt().toString(),
                incident.rtoDeadline().toString(),
                acceptable.toString(),
                nextAt == null ? null : nextAt.toString(),
                next.map(Tier::name).orElse(null),
                times.zone().getId(),
                times.minute(incident.openedAt()),
                times.minute(incident.rtoDeadline()),
                times.minute(acceptable),
                nextAt == null ? null : times.minute(nextAt),
                ask(task),
                newest(findings(task, incident.id()), FINDINGS_BUDGET),
                newest(incidents.timeline(incident.id()).stream().map(this::line).toList(), TRIED_BUDGET),
                log.failed() ? List.of() : newest(log.lines(), LOG_BUDGET),
                log.failed() ? log.problem() : null,
                new TaskContext.Links(
                        incident.processInstanceId() == null ? null : AuditTrail.path(incident.processInstanceId()),
                        "/api/incidents/" + incident.id(),
                        "/api/incidents/" + incident.id() + "/report"));
    }

    private Instant acceptableDeadline(Incident incident) {
        return incident.openedAt().plus(objectives.rto().acceptable());
    }

    /** A task of the drill process itself (its incident's tasks know from the incident). */
    private static boolean drill(DelegateTask task) {
        return task.getProcessDefinitionId() != null && task.getProcessDefinitionId().startsWith(DRILL_PROCESS + ":");
    }

    /**
     * The runbook's findings: the task's own scope has them in a runbook; a lifecycle task reads them from the
     * incident's runbook instance (same business key).
     */
    private List<String> findings(DelegateTask task, String incidentId) {
        String here = IncidentVariables.findings(task);
        if (here.isEmpty()) {
            List<String> instances = runtime.createProcessInstanceQuery().processInstanceBusinessKey(incidentId).list()
                    .stream().map(instance -> instance.getId()).toList();
            if (!instances.isEmpty()) {
                here = runtime.createVariableInstanceQuery().variableName(IncidentVariables.FINDINGS)
                        .processInstanceIdIn(instances.toArray(String[]::new)).list().stream()
                        .map(VariableInstance::getValue).filter(String.class::isInstance).map(String.class::cast)
                        .reduce("", (a, b) -> a.length() >= b.length() ? a : b);
            }
        }
        return Arrays.stream(here.split("\n")).map(String::strip).map(line -> line.startsWith("- ") ? line.substring(2) : line)
                .filter(line -> !line.isEmpty()).toList();
    }

    private String line(TimelineEntry entry) {
        String detail = entry.detail() == null || entry.detail().isBlank() ? "" : ": " + entry.detail();
        return times.clock(entry.at()) + " " + entry.step() + " (" + entry.actorName() + ")" + detail;
    }

    /** The newest lines, each bounded, whose lengths add up to at most {@code budget}; oldest first. */
    private static List<String> newest(List<String> lines, int budget) {
        List<String> kept = new ArrayList<>();
        int used = 0;
        for (int i = lines.size() - 1; i >= 0; i--) {
            String line = bounded(lines.get(i));
            used += line.length() + 8; // the JSON quotes, comma and escapes of a typical line
            if (used > budget) {
                break;
            }
            kept.add(0, line);
        }
        return kept;
    }

    private static String bounded(String text) {
        if (text == null) {
            return null;
        }
        return text.length() <= MAX_LINE ? text : text.substring(0, MAX_LINE) + "…";
    }

    /** What the task asks: the model's {@code ask}, else the description its own listener wrote. */
    private static String ask(DelegateTask task) {
        Object ask = task.getVariable("ask");
        String text = ask != null ? ask.toString() : task.getDescription();
        if (text == null || text.isBlank()) {
            return null;
        }
        return text.length() <= MAX_ASK ? text : text.substring(0, MAX_ASK) + "…";
    }

    /** A task outside any incident (an inspection's): the form shows what its description says. */
    TaskContext outsideIncident(DelegateTask task) {
        return TaskContext.outsideIncident(drill(task), times.zone().getId(), ask(task));
    }
}
