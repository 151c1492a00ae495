package dev.recoveryorchestrator.maintenance;

import dev.recoveryorchestrator.config.EngineClock;
import dev.recoveryorchestrator.config.InvalidInputException;
import dev.recoveryorchestrator.incident.Actors;
import dev.recoveryorchestrator.incident.FailureType;
import dev.recoveryorchestrator.incident.Responders;
import java.net.URI;
import java.security.Principal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code /api/maintenance}: declare a maintenance window (devops and above, {@code recovery.lifecycle.responder-groups})
 * and list windows with what each recorded. Times are ISO-8601 with an offset; a window starts now unless told,
 * must end after it starts and after now, and lasts at most {@code recovery.maintenance.max-length}.
 */
@RestController
@RequestMapping("/api/maintenance")
class MaintenanceController {

    private final MaintenanceWindows windows;
    private final Responders responders;
    private final MaintenanceSettings settings;
    private final IdentityService identity;

    MaintenanceController(MaintenanceWindows windows, Responders responders, MaintenanceSettings settings,
            IdentityService identity) {
        this.identity = identity;
        this.windows = windows;
        this.responders = responders;
        this.settings = settings;
    }

    @PostMapping
    ResponseEntity<WindowView> declare(@RequestBody(required = false) DeclareBody body, Principal user) {
        String userId = declarer(user, "declaring maintenance");
        MaintenanceWindow window = validated(body, userId);
        windows.declare(window);
        return ResponseEntity.created(URI.create("/api/maintenance/" + window.id()))
                .body(WindowView.of(window, EngineClock.now(), List.of()));
    }

    @GetMapping
    List<WindowView> list(Principal user) {
        responders.require(user, "reading maintenance windows");
        Instant now = EngineClock.now();
        return windows.list().stream().map(window -> WindowView.of(window, now, windows.seen(window.id()))).toList();
    }

    /**
     * Ends a window now, before its end: an active one stops silencing at once, a planned one never begins. Who and
     * when are kept on the window ({@code endedBy}, {@code endedAt}). 404 for an unknown window, 409 for one that has
     * already ended.
     */
    @DeleteMapping("/{id}")
    WindowView end(@PathVariable String id, Principal user) {
        String userId = declarer(user, "ending maintenance");
        if (id.length() > 36 || windows.find(id).isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no maintenance window with this id");
        }
        if (!windows.endEarly(id, userId)) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "the window has already ended");
        }
        MaintenanceWindow ended = windows.find(id).orElseThrow();
        return WindowView.of(ended, EngineClock.now(), windows.seen(id));
    }

    /** The user, when a member of {@code recovery.maintenance.declarers}; else 403 naming the groups. */
    private String declarer(Principal user, String what) {
        String userId = user == null ? null : user.getName();
        if (userId == null || identity.createGroupQuery().groupMember(userId).list().stream()
                .noneMatch(group -> settings.declarers().contains(group.getId()))) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, what + " needs membership of one of "
                    + settings.declarers() + " (recovery.maintenance.declarers)");
        }
        return userId;
    }

    private MaintenanceWindow validated(DeclareBody body, String userId) {
        if (body == null) {
            throw new InvalidInputException("body", "a JSON body with end and reason is required");
        }
        Instant now = EngineClock.now();
        String target = body.target() == null || body.target().isBlank() ? windows.defaultTarget() : body.target().strip();
        text("target", target, 200, false);
        List<FailureType> types = new ArrayList<>();
        for (String type : body.types() == null ? List.<String>of() : body.types()) {
            types.add(FailureType.parse(type).orElseThrow(() -> new InvalidInputException("types",
                    "types holds an unknown failure type; use backend-api-down … model-corruption or 1-5")));
        }
        Instant start = body.start() == null ? now : instant("start", body.start());
        if (start.isBefore(now.minus(START_SLACK))) {
            throw new InvalidInputException("start", "start must not be in the past: a window begins now or later");
        }
        if (start.isAfter(now.plus(settings.maxLeadTime()))) {
            throw new InvalidInputException("start", "a window starts at most " + settings.maxLeadTime()
                    + " ahead (recovery.maintenance.max-lead-time)");
        }
        start = start.isBefore(now) ? now : start;
        if (body.end() == null) {
            throw new InvalidInputException("end", "end is required: when the window ends by itself (ISO-8601)");
        }
        Instant end = instant("end", body.end());
        if (!end.isAfter(start) || !end.isAfter(now)) {
            throw new InvalidInputException("end", "end must be after start and after now");
        }
        if (end.isAfter(start.plus(settings.maxLength()))) {
            throw new InvalidInputException("end", "a window lasts at most " + settings.maxLength()
                    + " (recovery.maintenance.max-length)");
        }
        if (body.reason() == null || body.reason().isBlank()) {
            throw new InvalidInputException("reason", "reason is required: what work is done");
        }
        String reason = text("reason", body.reason().strip(), 2000, true);
        return new MaintenanceWindow(UUID.randomUUID().toString(), target, List.copyOf(types.stream().distinct().toList()),
                start, end, reason, userId, now);
    }

    /** How far in the past a start may be (the clocks of sender and server differ a little); it then means now. */
    private static final java.time.Duration START_SLACK = java.time.Duration.ofMinutes(1);

    private static Instant instant(String field, String text) {
        try {
            return OffsetDateTime.parse(text.strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field, field + " is not an ISO-8601 time with offset (2026-01-31T22:00:00+09:00)");
        }
    }

    private static String text(String field, String value, int max, boolean multiLine) {
        Actors.refusal(field, value, max, multiLine).ifPresent(why -> {
            throw new InvalidInputException(field, why);
        });
        return value;
    }

    /** The body of {@code POST /api/maintenance}; {@code types} empty or absent means every type. */
    record DeclareBody(String target, List<String> types, String start, String end, String reason) {
    }

    /** A window as the API shows it, with its state now and what it recorded. */
    record WindowView(String id, String target, List<String> types, Instant start, Instant end, String state,
            String reason, String createdBy, Instant createdAt, String endedBy, Instant endedAt,
            List<MaintenanceStore.Seen> recorded) {

        static WindowView of(MaintenanceWindow window, Instant now, List<MaintenanceStore.Seen> seen) {
            return new WindowView(window.id(), window.target(), window.types().stream().map(FailureType::id).toList(),
                    window.startsAt(), window.endsAt(), window.state(now), window.reason(), window.createdBy(),
                    window.createdAt(), window.endedBy(), window.endedAt(), seen);
        }
    }
}
