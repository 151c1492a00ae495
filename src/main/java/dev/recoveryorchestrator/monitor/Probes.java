package dev.recoveryorchestrator.monitor;

import dev.recoveryorchestrator.action.ActionCatalog;
import dev.recoveryorchestrator.action.ActionResult;
import dev.recoveryorchestrator.action.ContainerListing;
import dev.recoveryorchestrator.action.HealthProbe.Answer;
import dev.recoveryorchestrator.action.HealthProbe.Health;
import dev.recoveryorchestrator.action.HealthProbe;
import dev.recoveryorchestrator.action.LogFiles.Followed;
import dev.recoveryorchestrator.action.LogFiles.LogPosition;
import dev.recoveryorchestrator.action.LogFiles;
import dev.recoveryorchestrator.action.PortProbe;
import dev.recoveryorchestrator.action.TargetSettings;
import dev.recoveryorchestrator.monitor.MonitorSettings.Check;
import dev.recoveryorchestrator.monitor.Probe.Observation;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Makes each configured check runnable, with the target's settings as the defaults of what it leaves unset. */
@Component
class Probes {

    private final HealthProbe http;
    private final PortProbe ports;
    private final ActionCatalog actions;
    private final TargetSettings target;

    Probes(HealthProbe http, PortProbe ports, ActionCatalog actions, TargetSettings target) {
        this.http = http;
        this.ports = ports;
        this.actions = actions;
        this.target = target;
    }

    Probe of(Check check, MonitorSettings settings) {
        Duration timeout = check.timeout() != null ? check.timeout() : settings.timeout();
        return switch (check.kind()) {
            case HEALTH -> new HealthCheck(check, check.url() != null ? check.url() : target.healthUrl(), timeout);
            case ANSWER -> new AnswerCheck(check, target.healthUrl().resolve(check.request().path()), timeout);
            case LOG -> new LogCheck(check, check.logFile() != null ? check.logFile() : target.logFile());
            case REACHABILITY -> new ReachabilityCheck(check, check.host() != null ? check.host() : target.host(),
                    check.ports() != null ? check.ports() : target.ports(), timeout);
            case CONTAINERS -> new ContainerCheck(check);
        };
    }

    /** Type 1's symptom: the health endpoint does not answer 200 {@code "status":"ok"}. */
    private final class HealthCheck implements Probe {
        private final Check check;
        private final URI url;
        private final Duration timeout;

        HealthCheck(Check check, URI url, Duration timeout) {
            this.check = check;
            this.url = url;
            this.timeout = timeout;
        }

        @Override
        public Check check() {
            return check;
        }

        @Override
        public Observation observe() {
            Health health = http.check(url, timeout);
            return health.healthy() ? Observation.clear(health.detail()) : Observation.symptom(health.detail());
        }
    }

    /** A configured read-only request answered with a failure status or a failure text ({@code /api/predict}). */
    private final class AnswerCheck implements Probe {
        private final Check check;
        private final URI url;
        private final Duration timeout;

        AnswerCheck(Check check, URI url, Duration timeout) {
            this.check = check;
            this.url = url;
            this.timeout = timeout;
        }

        @Override
        public Check check() {
            return check;
        }

        @Override
        public Observation observe() {
            Answer answer = http.request(url, check.request().method(), check.request().headers(),
                    check.request().body(), timeout);
            if (!answer.answered()) {
                return Observation.clear("no answer (" + answer.detail() + "): not this check's symptom");
            }
            boolean failed = check.failureStatuses().contains(answer.status())
                    || check.failurePatterns().stream().anyMatch(pattern -> pattern.matcher(answer.body()).find());
            return failed ? Observation.symptom(answer.detail()) : Observation.clear(answer.detail());
        }
    }

    /** Lines matching the check's patterns among those written since its last look. */
    private static final class LogCheck implements Probe {
        private final Check check;
        private final Path file;
        private LogPosition position;

        LogCheck(Check check, Path file) {
            this.check = check;
            this.file = file;
        }

        @Override
        public Check check() {
            return check;
        }

        @Override
        public synchronized Observation observe() {
            boolean first = position == null;
            Followed read = LogFiles.follow(file, position, check.maxRead().toBytes());
            if (read.failed()) {
                position = null; // when it is back, start from its end again
                return Observation.cannotRun(read.problem());
            }
            position = read.position();
            if (first) {
                return Observation.clear("following " + file + " from byte " + position.offset());
            }
            List<String> matching = read.lines().stream()
                    .filter(line -> check.patterns().stream().anyMatch(pattern -> pattern.matcher(line).find()))
                    .toList();
            if (matching.isEmpty()) {
                return Observation.clear(read.lines().size() + " new lines, none matching");
            }
            String last = matching.get(matching.size() - 1);
            return Observation.symptom(HealthProbe.oneLine(matching.size() + "줄, 마지막: " + last));
        }
    }

    /**
     * Type 3's symptom: ports answering on loopback and not through the host's address, while the service is healthy
     * on loopback — fine locally but unreachable through the network is the network, not the service.
     */
    private final class ReachabilityCheck implements Probe {
        private final Check check;
        private final String host;
        private final List<Integer> portList;
        private final Duration timeout;

        ReachabilityCheck(Check check, String host, List<Integer> portList, Duration timeout) {
            this.check = check;
            this.host = host;
            this.portList = List.copyOf(portList);
            this.timeout = timeout;
        }

        @Override
        public Check check() {
            return check;
        }

        @Override
        public Observation observe() {
            List<Integer> local = new ArrayList<>();
            List<Integer> cut = new ArrayList<>();
            for (int port : portList) {
                if (ports.listening(check.loopback(), port, timeout)) {
                    local.add(port);
                    if (!ports.listening(host, port, timeout)) {
                        cut.add(port);
                    }
                }
            }
            if (local.isEmpty()) {
                return Observation.clear("nothing answers on " + check.loopback() + " " + portList
                        + ": not a network symptom");
            }
            if (cut.size() == local.size()) {
                // Something answering on loopback is not yet the service: a squatter on its port (Type 4) answers too.
                Health service = http.check(target.healthUrl(), timeout);
                if (!service.healthy()) {
                    return Observation.clear(check.loopback() + " answers but the service is not healthy there ("
                            + HealthProbe.oneLine(service.detail()) + "): not a network symptom");
                }
                return Observation.symptom(host + " 경유 접속 불가 " + cut + ", " + check.loopback() + "에서는 응답");
            }
            return Observation.clear(host + " answers on " + local.stream().filter(p -> !cut.contains(p)).toList());
        }
    }

    /** Type 4's symptom: a service of the compose project missing, or not running, in the configured listing. */
    private final class ContainerCheck implements Probe {
        private final Check check;

        ContainerCheck(Check check) {
            this.check = check;
        }

        @Override
        public Check check() {
            return check;
        }

        @Override
        public Observation observe() {
            ActionResult listing = actions.run(check.action());
            if (!listing.succeeded()) {
                return Observation.cannotRun(HealthProbe.oneLine(listing.summary()));
            }
            Map<String, String> states = states(listing.output());
            List<String> problems = new ArrayList<>();
            for (String service : check.services()) {
                String state = states.get(service);
                if (state == null) {
                    problems.add(service + " 없음");
                } else if (!check.runningStates().contains(state.toLowerCase(Locale.ROOT))) {
                    problems.add(service + " " + state);
                }
            }
            return problems.isEmpty() ? Observation.clear("running: " + states.keySet())
                    : Observation.symptom(HealthProbe.oneLine("컨테이너 " + String.join(", ", problems)));
        }

        /** Service → state of the listed containers ({@link ContainerListing}); of several, a running one counts. */
        private Map<String, String> states(String output) {
            Map<String, String> states = new LinkedHashMap<>();
            for (ContainerListing.Container container : ContainerListing.parse(output)) {
                String known = states.get(container.service());
                // Of several containers of one service (scaled, or an old one left exited), a running one counts.
                if (container.service() != null
                        && (known == null || !check.runningStates().contains(known.toLowerCase(Locale.ROOT)))) {
                    states.put(container.service(), container.state());
                }
            }
            return states;
        }
    }
}
