package dev.recoveryorchestrator.inspection;

import dev.recoveryorchestrator.config.InvalidInputException;
import dev.recoveryorchestrator.incident.Actors;
import java.security.Principal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code /api/inspections}: the latest result of each check with its figures, the trends of the DR drills' measured
 * RTO and the restore tests' data age (the RPO we would really get), and starting an inspection now (the same people
 * as in Tasklist, {@code recovery.inspection.starters}, see {@link HandStarts}): 202 with the process instance, 409
 * while one of that kind runs.
 */
@RestController
@RequestMapping("/api/inspections")
class InspectionController {

    private static final int MAX_TREND = 500;

    private final InspectionResults results;
    private final Inspections inspections;
    private final HandStarts starters;

    InspectionController(InspectionResults results, Inspections inspections, HandStarts starters) {
        this.results = results;
        this.inspections = inspections;
        this.starters = starters;
    }

    @GetMapping
    Overview overview(@RequestParam(name = "limit", required = false) String limit) {
        int count = 30;
        if (limit != null) {
            try {
                count = Integer.parseInt(limit.strip());
            } catch (NumberFormatException e) {
                throw new InvalidInputException("limit", "limit is a whole number from 1 to " + MAX_TREND);
            }
            if (count < 1 || count > MAX_TREND) {
                throw new InvalidInputException("limit", "limit is a whole number from 1 to " + MAX_TREND);
            }
        }
        Map<String, String> running = new LinkedHashMap<>();
        for (String kind : List.of("weekly", "monthly")) {
            inspections.running(kind).ifPresent(instance -> running.put(kind, instance.getId()));
        }
        return new Overview(results.latest().stream().map(ResultView::of).toList(),
                results.trend("drill", count).stream().map(TrendPoint::of).toList(),
                results.trend(RestoreTest.CHECK, count).stream().map(TrendPoint::of).toList(), running);
    }

    @PostMapping("/{kind}")
    ResponseEntity<Started> start(@PathVariable("kind") String kind, @RequestBody(required = false) StartBody body,
            Principal user) {
        String userId = starters.require(user, "starting an inspection");
        if (!"weekly".equals(kind) && !"monthly".equals(kind)) {
            throw new InvalidInputException("kind", "kind is weekly or monthly");
        }
        String note = body == null || body.note() == null ? null : body.note().strip();
        if (note != null) {
            Actors.refusal("note", note, 2000, true).ifPresent(why -> {
                throw new InvalidInputException("note", why);
            });
        }
        ProcessInstance started = inspections.start(kind, userId, note).orElseThrow(() ->
                new ResponseStatusException(HttpStatus.CONFLICT, "a " + kind + " inspection is already running ("
                        + inspections.running(kind).map(ProcessInstance::getId).orElse("?") + ")"));
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(new Started(kind, started.getId(), userId));
    }

    /** The body of {@code POST /api/inspections/{kind}}: optional, a note kept with the inspection. */
    record StartBody(String note) {
    }

    record Started(String kind, String processInstanceId, String requestedBy) {
    }

    record Overview(List<ResultView> latest, List<TrendPoint> drillRto, List<TrendPoint> backupRpo,
            Map<String, String> running) {
    }

    /** A check's result with its figures. */
    record ResultView(String check, String title, String kind, String status, String figures, String finding,
            String advice, Double measured, Double target, String unit, Long durationMs, String inspection,
            Instant recordedAt) {

        static ResultView of(InspectionResults.Recorded recorded) {
            CheckResult result = recorded.result();
            return new ResultView(result.check(), result.title(), recorded.kind(), result.status().name(),
                    result.figures(), result.finding(), result.advice(), result.measured(), result.target(),
                    result.unit(), result.durationMs(), recorded.inspection(), recorded.recordedAt());
        }
    }

    /** One point of a trend: the measured figure (seconds) against its target. */
    record TrendPoint(Instant at, String status, Double measured, Double target, String unit, Long durationMs,
            String inspection, String figures) {

        static TrendPoint of(InspectionResults.Recorded recorded) {
            CheckResult result = recorded.result();
            return new TrendPoint(recorded.recordedAt(), result.status().name(), result.measured(), result.target(),
                    result.unit(), result.durationMs(), recorded.inspection(), result.figures());
        }
    }
}
