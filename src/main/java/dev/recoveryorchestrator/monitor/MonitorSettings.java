package dev.recoveryorchestrator.monitor;

import dev.recoveryorchestrator.incident.FailureType;
import dev.recoveryorchestrator.incident.Scope;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Detection: the checks the monitor runs, each for the symptom of one failure type, and the order in which a round
 * where several checks reach their thresholds picks the one type it opens.
 *
 * @param enabled runs the monitor on this node; off, only alerts and people open incidents
 * @param interval how often the monitor runs a round, and the interval of a check that gives none
 * @param failuresBeforeIncident the threshold of a check that gives none
 * @param timeout the probe timeout of a check that gives none
 * @param order the classification order: of the checks that reached their thresholds in a round, the type first in
 *     this list is opened; every other symptom seen (below its threshold or not) goes to its timeline and never
 *     decides the type; every type a check opens must be listed
 * @param checks what is checked, each opening one type
 * @param containerEvents event-driven detection in the docker profile: the engine's event stream for the compose
 *     project's containers, each event that shows a symptom counted as the named check firing
 */
@Validated
@ConfigurationProperties("recovery.monitor")
public record MonitorSettings(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("PT1S") @NotNull Duration interval,
        @DefaultValue("3") @Min(1) int failuresBeforeIncident,
        @DefaultValue("PT1S") @NotNull Duration timeout,
        @DefaultValue({"network-outage", "container-failure", "backend-api-down", "model-corruption",
                "database-unreachable"}) @NotEmpty List<@NotNull FailureType> order,
        @DefaultValue List<@Valid @NotNull Check> checks,
        @DefaultValue @Valid @NotNull ContainerEvents containerEvents) {

    @ConstructorBinding
    public MonitorSettings {
    }

    /** Without the docker event stream (monitors built by hand in tests). */
    public MonitorSettings(boolean enabled, Duration interval, int failuresBeforeIncident, Duration timeout,
            List<FailureType> order, List<Check> checks) {
        this(enabled, interval, failuresBeforeIncident, timeout, order, checks,
                new ContainerEvents(null, null, null, Set.of("die", "oom", "health_status: unhealthy"),
                        DataSize.ofKilobytes(64), Duration.ofSeconds(1), Duration.ofMinutes(1)));
    }

    @AssertTrue(message = "every failure type a check opens must be in recovery.monitor.order, and check names unique")
    public boolean isEveryCheckedTypeOrdered() {
        if (order == null || checks == null) {
            return true;
        }
        Set<String> names = new HashSet<>();
        return checks.stream().allMatch(check -> check == null || check.opens() == null || order.contains(check.opens()))
                && checks.stream().allMatch(check -> check == null || names.add(check.name()));
    }

    /** The kinds of check, each for one kind of symptom. */
    public enum Kind {
        /** {@code url} (default: {@code recovery.target.health-url}) does not answer 200 {@code "status":"ok"}. */
        HEALTH,
        /**
         * The configured {@code request} is answered with one of {@code failure-statuses} or a body matching one of
         * {@code failure-patterns}; no answer at all is not this check's symptom (it is the health check's).
         */
        ANSWER,
        /** New lines of {@code log-file} (default: {@code recovery.target.log-file}) match one of {@code patterns}. */
        LOG,
        /**
         * Each of {@code ports} that answers on {@code loopback} does not answer on {@code host} (default:
         * {@code recovery.target.host}), and at least one answers on loopback.
         */
        REACHABILITY,
        /**
         * The configured {@code action} (an argument list, such as {@code docker compose ps --all --format json})
         * lists one of {@code services} missing, or in a state not in {@code running-states}.
         */
        CONTAINERS
    }

    /**
     * One check.
     *
     * @param name identifies it in the log and the timeline
     * @param opens the failure type whose symptom it looks for
     * @param interval how often it runs; the monitor's interval when unset
     * @param threshold rounds in a row showing the symptom before an incident opens; the monitor's when unset
     * @param timeout for one probe; the monitor's when unset
     * @param summary the incident's summary, followed by what the check saw
     * @param scope the incident's scope
     * @param kind what kind of check it is (see the kinds: health, answer, log, reachability, containers)
     * @param url the URL a health check probes; {@code recovery.target.health-url} when unset
     * @param request the request an answer check sends
     * @param failureStatuses the answer statuses that are the symptom (answer check)
     * @param failurePatterns regular expressions, searched in the answer's body, that are the symptom (answer check)
     * @param logFile the log a log check reads; {@code recovery.target.log-file} when unset
     * @param patterns regular expressions, searched in each new log line, that are the symptom (log check)
     * @param maxRead the most of a log a round reads; a log that grew more is read from its last part
     * @param host the address a reachability check tries; {@code recovery.target.host} when unset
     * @param loopback the address a reachability check compares with
     * @param ports the ports a reachability check tries; {@code recovery.target.ports} when unset
     * @param action the action (an argument list in {@code recovery.actions}) that lists the containers
     * @param services the compose services that must be listed and running (containers check)
     * @param runningStates the container states that count as running
     * @param disruptedBy the orchestrator's own recovery actions ({@code recovery.actions} or built in) that make this
     *     check fail while they run (a restart): while one runs as tracked work, on any node, and until
     *     {@code recovery.health-check.after-action-settle} after it ended, this check's failures are expected and
     *     counted toward no incident
     */
    public record Check(
            @NotBlank String name,
            @NotNull Kind kind,
            @NotNull FailureType opens,
            Duration interval,
            @Min(1) Integer threshold,
            Duration timeout,
            @NotBlank String summary,
            @DefaultValue("whole") @NotNull Scope scope,
            URI url,
            @Valid Request request,
            @DefaultValue Set<Integer> failureStatuses,
            @DefaultValue List<java.util.regex.Pattern> failurePatterns,
            Path logFile,
            @DefaultValue List<java.util.regex.Pattern> patterns,
            @DefaultValue("16MB") org.springframework.util.unit.DataSize maxRead,
            String host,
            @DefaultValue("127.0.0.1") String loopback,
            List<Integer> ports,
            String action,
            @DefaultValue List<String> services,
            @DefaultValue("running") Set<String> runningStates,
            @DefaultValue Set<@NotBlank String> disruptedBy) {

        @AssertTrue(message = "answer checks need a request and failure-statuses or failure-patterns; log checks "
                + "patterns; containers checks an action and services; intervals and timeouts must be positive")
        public boolean isComplete() {
            if (kind == null) {
                return true;
            }
            boolean durations = positive(interval) && positive(timeout);
            return durations && switch (kind) {
                case HEALTH, REACHABILITY -> true;
                case ANSWER -> request != null && !(failureStatuses.isEmpty() && failurePatterns.isEmpty());
                case LOG -> !patterns.isEmpty() && maxRead.toBytes() > 0 && maxRead.toBytes() <= Integer.MAX_VALUE;
                case CONTAINERS -> action != null && !action.isBlank() && !services.isEmpty();
            };
        }

        private static boolean positive(Duration duration) {
            return duration == null || !(duration.isNegative() || duration.isZero());
        }
    }

    /**
     * The docker engine's event stream, followed as it happens ({@link DockerEventWatch}): a container of the compose
     * project that dies, runs out of memory or turns unhealthy is seen at once, not after the containers check's
     * threshold of polls. Each such event of one of the named check's {@code services} counts as that check firing,
     * through the same path as a polled failure: the classification order, one incident per outage, maintenance
     * windows and {@code disrupted-by} apply unchanged. Every event line is data: bounded, compared, never
     * interpreted. When the stream ends or cannot start it is started again after a growing wait; polling goes on.
     *
     * @param check the monitor check (recovery.monitor.checks[].name, a containers check) an event is a symptom of:
     *     its type, scope, summary, services and disrupted-by apply; empty: no event stream is followed
     * @param action the action (recovery.actions) whose one command prints the events, one JSON object a line, and
     *     runs until it is stopped ({@code docker events} in JSON format, filtered by the project's label, in the
     *     docker profile); an argument list, never a shell
     * @param project the compose project whose containers count (their label {@code com.docker.compose.project}):
     *     an event of any other container is ignored, whatever the command lets through
     * @param events the event actions that are a symptom, compared as written
     * @param maxLine the longest event line read; a longer one is ignored with a warning that does not repeat it
     * @param reconnectMin the wait before starting the stream again after it ended or could not start; it doubles
     *     with each break in a row
     * @param reconnectMax the longest wait between two starts; a stream that stayed up this long counts as healthy,
     *     and the next break waits {@code reconnect-min} again
     */
    public record ContainerEvents(
            String check,
            String action,
            String project,
            @DefaultValue({"die", "oom", "health_status: unhealthy"}) @NotNull Set<@NotBlank String> events,
            @DefaultValue("64KB") @NotNull DataSize maxLine,
            @DefaultValue("PT1S") @NotNull Duration reconnectMin,
            @DefaultValue("PT1M") @NotNull Duration reconnectMax) {

        /** Followed: a check is named. */
        public boolean enabled() {
            return check != null && !check.isBlank();
        }

        @AssertTrue(message = "container-events with a check needs an action and a project; max-line between 1KB and "
                + "16MB; reconnect-min positive and at most reconnect-max")
        public boolean isComplete() {
            if (maxLine == null || reconnectMin == null || reconnectMax == null) {
                return true;
            }
            boolean bounds = maxLine.toBytes() >= 1024 && maxLine.toBytes() <= 16L * 1024 * 1024
                    && !(reconnectMin.isNegative() || reconnectMin.isZero()) && reconnectMin.compareTo(reconnectMax) <= 0;
            return bounds && (!enabled() || action != null && !action.isBlank() && project != null && !project.isBlank());
        }
    }

    /**
     * The request an answer check sends. It must be one the service treats as read-only (it is sent every
     * interval): never one that stores a prediction or changes anything.
     *
     * @param method the HTTP method
     * @param path resolved against {@code recovery.target.health-url} (same scheme, host and port)
     * @param headers request headers, as given
     * @param body sent as it is; none when unset
     */
    public record Request(
            @DefaultValue("GET") @Pattern(regexp = "[A-Z]{1,16}") String method,
            @NotBlank @Pattern(regexp = "/\\S*") String path,
            String body,
            @DefaultValue Map<String, String> headers) {
    }
}
