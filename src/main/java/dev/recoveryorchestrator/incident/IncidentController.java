package dev.recoveryorchestrator.incident;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.recoveryorchestrator.config.InvalidInputException;
import dev.recoveryorchestrator.config.Durations;
import dev.recoveryorchestrator.config.LocalTimes;
import java.net.URI;
import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** {@code /api/incidents}: open an incident by hand, list incidents, read one with its timeline. */
@RestController
@RequestMapping("/api/incidents")
class IncidentController {

    static final int MAX_REASON = 2000;
    private final IncidentService incidents;
    private final Responders responders;
    private final LocalTimes times;
    private final FailedSteps failedSteps;

    IncidentController(IncidentService incidents, Responders responders, LocalTimes times, FailedSteps failedSteps) {
        this.failedSteps = failedSteps;
        this.times = times;
        this.incidents = incidents;
        this.responders = responders;
    }

    @PostMapping
    ResponseEntity<IncidentView> open(@RequestBody(required = false) OpenIncidentBody body, Principal user) {
        IncidentRequest request = validated(body, requireResponder(user, "opening"));
        IncidentService.Opened opened = incidents.open(request);
        IncidentView view = IncidentView.of(opened.incident(), incidents.timeline(opened.incident().id()),
                Boolean.valueOf(opened.deduplicated()));
        if (opened.deduplicated()) {
            return ResponseEntity.ok(view);
        }
        return ResponseEntity.created(URI.create("/api/incidents/" + view.id())).body(view);
    }

    /**
     * One page of incidents, newest first, filtered by {@code state}, {@code type} (id or 1-5) and the time they began
     * ({@code from} inclusive, {@code to} exclusive; ISO-8601 with an offset, or a date in {@code recovery.time-zone})
     * and {@code drill} ({@code false}: real incidents only, {@code true}: DR drills only; absent: both, each marked).
     * The body stays a JSON array; {@code X-Total-Count} says how many match and {@code Link} points to the next and
     * previous pages. A bad parameter gets a 400 naming it.
     */
    @GetMapping
    ResponseEntity<List<IncidentView>> list(@RequestParam(required = false) String state,
            @RequestParam(required = false) String type, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(required = false) String page,
            @RequestParam(required = false) String size, @RequestParam(required = false) String drill) {
        IncidentQuery query = ListParameters.query(state, type, from, to, page, size, drill, times.zone());
        IncidentService.Page found = incidents.list(query);
        List<IncidentView> views = found.incidents().stream().map(i -> IncidentView.of(i, null, null).inWords(times))
                .toList();
        ResponseEntity.BodyBuilder answer = ResponseEntity.ok().header("X-Total-Count", String.valueOf(found.total()));
        String links = ListParameters.links(query, found.total(), state, type, from, to);
        if (!links.isEmpty()) {
            answer.header("Link", links);
        }
        return answer.body(views);
    }

    @GetMapping("/{id}")
    IncidentView get(@PathVariable String id) {
        Incident incident = incidents.find(id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no incident " + id));
        return IncidentView.of(incident, incidents.timeline(id), null).withFailedSteps(failedSteps.of(id))
                .withRelapseOf(incidents.relapseOf(id).orElse(null)).inWords(times)
                .withChecklist(incidents.checklist(id));
    }

    /**
     * Closes an open incident (a false alarm, handled elsewhere) and ends its lifecycle. Allowed to the groups of
     * {@code recovery.lifecycle.responder-groups} (the responders, devops and above, and Camunda's admins).
     */
    @PostMapping("/{id}/close")
    IncidentView close(@PathVariable String id, @RequestBody(required = false) CloseIncidentBody body, Principal user) {
        String userId = requireResponder(user, "closing");
        if (body == null) {
            throw new InvalidInputException("body", "a JSON body with reason is required");
        }
        if (body.reason() == null || body.reason().isBlank()) {
            throw new InvalidInputException("reason", "reason is required: why the incident is closed");
        }
        String reason = text("reason", body.reason().strip(), MAX_REASON, true);
        Incident closed = incidents.close(id, reason, userId);
        return IncidentView.of(closed, incidents.timeline(id), null);
    }

    private String requireResponder(Principal user, String what) {
        return responders.require(user, what + " an incident");
    }

    @ExceptionHandler(IncidentService.IncidentNotOpenException.class)
    ProblemDetail notOpen(IncidentService.IncidentNotOpenException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                e.state() == null ? HttpStatus.NOT_FOUND : HttpStatus.CONFLICT, e.getMessage());
        if (e.state() != null) {
            problem.setProperty("state", e.state());
        }
        return problem;
    }

    static IncidentState parseState(String state) {
        return Arrays.stream(IncidentState.values())
                .filter(s -> s.name().equalsIgnoreCase(state))
                .findFirst()
                .orElseThrow(() -> new InvalidInputException("state", "state must be one of "
                        + Arrays.stream(IncidentState.values()).map(s -> s.name().toLowerCase()).toList()));
    }

    static IncidentRequest validated(OpenIncidentBody body, String user) {
        if (body == null) {
            throw new InvalidInputException("body", "a JSON body with type, scope, summary and source is required");
        }
        if (body.type() == null || body.type().isBlank()) {
            throw new InvalidInputException("type", "type is required: one of " + typeNames());
        }
        FailureType type = FailureType.parse(body.type()).orElseThrow(() -> new InvalidInputException("type",
                "type '" + abbreviate(body.type()) + "' is unknown: one of " + typeNames() + " or 1-5"));
        if (body.scope() == null || body.scope().isBlank()) {
            throw new InvalidInputException("scope", "scope is required: whole, partial or feature");
        }
        Scope scope = Scope.parse(body.scope()).orElseThrow(() -> new InvalidInputException("scope",
                "scope '" + abbreviate(body.scope()) + "' is unknown: whole, partial or feature"));
        String summary = text("summary", body.summary(), 2000, true);
        String source = text("source", body.source() == null || body.source().isBlank() ? "manual" : body.source(), 100,
                false);
        return new IncidentRequest(type, scope, summary, source.strip(), user);
    }

    /** Refuses text that breaks the rule for text people give us ({@link Actors#refusal}), naming the field. */
    private static String text(String field, String value, int max, boolean multiLine) {
        if (value != null) {
            Actors.refusal(field, value, max, multiLine).ifPresent(why -> {
                throw new InvalidInputException(field, why);
            });
        }
        return value;
    }

    private static String typeNames() {
        return Arrays.stream(FailureType.values()).map(FailureType::id).collect(Collectors.joining(", "));
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }

    /** The body of {@code POST /api/incidents/{id}/close}. */
    record CloseIncidentBody(String reason) {
    }

    /** The body of {@code POST /api/incidents}; every field is text so that bad values get a precise answer. */
    record OpenIncidentBody(String type, String scope, String summary, String source) {
    }

    /** An incident as the API shows it. */
    record IncidentView(
            String id,
            IncidentState state,
            String type,
            String typeName,
            String scope,
            String summary,
            String source,
            String openedBy,
            String tier,
            boolean critical,
            boolean drill,
            Instant openedAt,
            Instant rtoDeadline,
            Instant recoveredAt,
            Duration downtime,
            Long downtimeSeconds,
            String processInstanceId,
            Instant symptomConfirmedAt,
            Instant closedAt,
            String closedReason,
            String closedBy,
            String temporaryMeasure,
            List<FailedStep> failedSteps,
            List<TimelineEntry> timeline,
            Boolean deduplicated,
            String relapseOf,
            InWords inWords,
            List<ChecklistItem> checklist) {

        static IncidentView of(Incident i, List<TimelineEntry> timeline, Boolean deduplicated) {
            return new IncidentView(i.id(), i.state(), i.type().id(), i.type().koreanName(), i.scope(), i.summary(),
                    i.source(), i.openedBy(), i.tier(), i.critical(), i.drill(), i.openedAt(), i.rtoDeadline(), i.recoveredAt(),
                    i.downtime(), i.downtime() == null ? null : i.downtime().toSeconds(), i.processInstanceId(),
                    i.symptomConfirmedAt(), i.closedAt(), i.closedReason(), i.closedBy(), i.temporaryMeasure(), null, timeline,
                    deduplicated, null, null, null);
        }

        /**
         * Where the incident's lifecycle is read in Cockpit, running or finished: its audit trail ({@link AuditTrail}),
         * a path from the application's root; absent before the lifecycle has started.
         */
        @JsonProperty("cockpitUrl")
        String cockpitUrl() {
            return processInstanceId == null ? null : AuditTrail.path(processInstanceId);
        }

        /** The same view with the failed jobs of the incident's processes: what failed, since when. */
        IncidentView withFailedSteps(List<FailedStep> failed) {
            return new IncidentView(id, state, type, typeName, scope, summary, source, openedBy, tier, critical, drill, openedAt,
                    rtoDeadline, recoveredAt, downtime, downtimeSeconds, processInstanceId, symptomConfirmedAt, closedAt,
                    closedReason, closedBy, temporaryMeasure, failed, timeline, deduplicated, relapseOf, inWords,
                    checklist);
        }

        /** The same view naming the incident this one is a relapse of ("재발"). */
        IncidentView withRelapseOf(String previous) {
            return new IncidentView(id, state, type, typeName, scope, summary, source, openedBy, tier, critical, drill, openedAt,
                    rtoDeadline, recoveredAt, downtime, downtimeSeconds, processInstanceId, symptomConfirmedAt, closedAt,
                    closedReason, closedBy, temporaryMeasure, failedSteps, timeline, deduplicated, previous, inWords,
                    checklist);
        }

        /** The same view with its times and downtime as people read them, in {@code recovery.time-zone}. */
        IncidentView inWords(LocalTimes times) {
            InWords words = new InWords(times.zone().getId(), times.minute(openedAt), times.minute(recoveredAt),
                    times.minute(rtoDeadline), downtime == null ? null : Durations.words(downtime),
                    downtime == null ? null : downtime.toString());
            return new IncidentView(id, state, type, typeName, scope, summary, source, openedBy, tier, critical, drill, openedAt,
                    rtoDeadline, recoveredAt, downtime, downtimeSeconds, processInstanceId, symptomConfirmedAt, closedAt,
                    closedReason, closedBy, temporaryMeasure, failedSteps, timeline, deduplicated, relapseOf, words,
                    checklist);
        }

        /** The same view with the runbook's checklist as the timeline shows it. */
        IncidentView withChecklist(List<ChecklistItem> items) {
            return new IncidentView(id, state, type, typeName, scope, summary, source, openedBy, tier, critical, drill, openedAt,
                    rtoDeadline, recoveredAt, downtime, downtimeSeconds, processInstanceId, symptomConfirmedAt, closedAt,
                    closedReason, closedBy, temporaryMeasure, failedSteps, timeline, deduplicated, relapseOf, inWords,
                    items);
        }
    }

    /**
     * Times and the downtime as people read them.
     *
     * @param timeZone {@code recovery.time-zone}
     * @param downtime in words ({@code 8초}, {@code 1시간 5분}: {@link Durations#words})
     * @param downtimeIso the same as ISO-8601 ({@code PT1H5M})
     */
    record InWords(String timeZone, String openedAt, String recoveredAt, String rtoDeadline, String downtime,
            String downtimeIso) {
    }
}
