package dev.recoveryorchestrator.monitor;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.recoveryorchestrator.action.ActionCatalog;
import dev.recoveryorchestrator.action.HealthProbe;
import dev.recoveryorchestrator.action.ProcessTree;
import dev.recoveryorchestrator.monitor.MonitorSettings.Check;
import dev.recoveryorchestrator.monitor.MonitorSettings.ContainerEvents;
import jakarta.annotation.PreDestroy;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Event-driven detection in the docker profile: the engine's event stream for the compose project's containers
 * ({@code recovery.monitor.container-events}), followed as a long-lived child process that runs a configured action
 * (an argument list such as {@code docker events --format {{json .}} --filter type=container --filter
 * label=com.docker.compose.project=routing-ml}). A container of one of the named check's {@code services} that
 * dies, runs out of memory or turns unhealthy is a symptom of that check the moment the engine says so: the monitor
 * takes it as the check firing ({@link HealthMonitor#event}), so the classification order, one incident per outage,
 * maintenance windows and the exception for our own restarts ({@code disrupted-by}) apply as to a polled failure.
 *
 * <p>Every line is data from outside: at most {@code max-line} bytes are kept (a longer line is dropped, and the
 * warning says only its length), it is parsed as JSON and its fields are only compared with configured values: the
 * project and service labels, the event's action. Nothing of it but the configured service name, the configured
 * action and a numeric exit code reaches the incident. A line that is not a JSON object is logged once per stream as
 * one short printable line (the engine's own error, such as "Cannot connect to the Docker daemon", arrives that way).
 *
 * <p>When the stream ends or the program cannot start, it is started again after {@code reconnect-min}, doubling
 * with each break in a row up to {@code reconnect-max}; events while it is down are not replayed, and the containers
 * check's polling, which goes on beside the stream, finds what they would have shown. On shutdown the child process
 * and its children are ended (SIGTERM, then SIGKILL), so no stream outlives the node.
 */
@Component
class DockerEventWatch {

    static final String SERVICE_LABEL = "com.docker.compose.service";
    static final String PROJECT_LABEL = "com.docker.compose.project";
    private static final Logger log = LoggerFactory.getLogger(DockerEventWatch.class);
    private static final Pattern EXIT_CODE = Pattern.compile("[0-9]{1,3}");
    private static final Duration STOP_GRACE = Duration.ofSeconds(5);
    private final ContainerEvents settings;
    private final MonitorSettings monitorSettings;
    private final ObjectProvider<HealthMonitor> monitor;
    private final ActionCatalog actions;
    private final ObjectMapper json = JsonMapper.builder().build();
    private final Object lock = new Object();
    private Set<String> services = Set.of();
    private Thread thread;
    private Process current;
    private volatile boolean stopped;
    private volatile int streams;

    DockerEventWatch(MonitorSettings monitorSettings, ObjectProvider<HealthMonitor> monitor, ActionCatalog actions) {
        this.monitorSettings = monitorSettings;
        this.settings = monitorSettings.containerEvents();
        this.monitor = monitor;
        this.actions = actions;
    }

    /**
     * Starts following the stream when a check is named and the monitor runs on this node.
     *
     * @throws IllegalStateException when the named check or action is not configured as it must be (the start fails,
     *     naming the setting)
     */
    @EventListener(ApplicationReadyEvent.class)
    void start() {
        if (!settings.enabled() || monitor.getIfAvailable() == null) {
            return;
        }
        Check check = monitorSettings.checks().stream().filter(found -> found.name().equals(settings.check()))
                .findFirst().orElseThrow(() -> new IllegalStateException("recovery.monitor.container-events.check '"
                        + settings.check() + "' is not a check of recovery.monitor.checks"));
        if (check.services().isEmpty()) {
            throw new IllegalStateException("recovery.monitor.container-events.check '" + settings.check()
                    + "' names no services: the events of which containers are its symptom?");
        }
        if (!actions.streamable(settings.action())) {
            throw new IllegalStateException("recovery.monitor.container-events.action '" + settings.action() + "' must "
                    + "be configured in recovery.actions as one command step that runs until stopped (not tracked)");
        }
        services = Set.copyOf(check.services());
        log.info("Following docker events of compose project '{}' ({}): {} of {} are a symptom of check '{}'",
                settings.project(), settings.action(), settings.events(), services, settings.check());
        synchronized (lock) {
            if (stopped || thread != null) {
                return;
            }
            thread = new Thread(this::follow, "docker-events");
            thread.setDaemon(true);
            thread.start();
        }
    }

    /** Stops following: the stream's process and its children end, and nothing read after this counts. */
    @PreDestroy
    void stop() {
        Thread following;
        Process process;
        synchronized (lock) {
            stopped = true;
            following = thread;
            process = current;
            lock.notifyAll(); // a pause before the next start ends; a read ends when the process is gone
        }
        if (process != null) {
            end(process);
        }
        if (following != null) {
            try {
                following.join(STOP_GRACE.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** How many times the stream has been started (for tests and the log). */
    int streams() {
        return streams;
    }

    /** Follows the stream, and starts it again after each break with a bounded, growing wait, until stopped. */
    private void follow() {
        Duration wait = settings.reconnectMin();
        while (!stopped) {
            long began = System.nanoTime();
            String ended;
            try {
                ended = followOnce();
            } catch (IOException e) {
                ended = "could not start (" + HealthProbe.oneLine(e.getMessage()) + ")";
            } catch (RuntimeException e) {
                log.error("Docker event stream failed", e);
                ended = "failed (" + e.getClass().getSimpleName() + ")";
            }
            if (stopped) {
                return;
            }
            if (Duration.ofNanos(System.nanoTime() - began).compareTo(settings.reconnectMax()) >= 0) {
                wait = settings.reconnectMin(); // it had stayed up: a new break, not one more in a row
            }
            log.warn("Docker event stream ({}) {}; starting it again in {} (check '{}' goes on polling meanwhile)",
                    settings.action(), ended, wait, settings.check());
            if (!pause(wait)) {
                return;
            }
            wait = wait.multipliedBy(2).compareTo(settings.reconnectMax()) > 0 ? settings.reconnectMax()
                    : wait.multipliedBy(2);
        }
    }

    /** Waits before the next start, woken by {@link #stop}; returns whether to go on. */
    private boolean pause(Duration wait) {
        long until = System.nanoTime() + wait.toNanos();
        synchronized (lock) {
            try {
                for (long left = wait.toNanos(); !stopped && left > 0; left = until - System.nanoTime()) {
                    TimeUnit.NANOSECONDS.timedWait(lock, left);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            return !stopped;
        }
    }

    /** One run of the stream, read to its end; returns how it ended. */
    private String followOnce() throws IOException {
        Process process = actions.stream(settings.action());
        synchronized (lock) {
            if (stopped) {
                end(process);
                return "stopped";
            }
            current = process;
        }
        streams++;
        log.info("Docker event stream started (pid {})", process.pid());
        Lines lines = new Lines(process.getInputStream(), (int) settings.maxLine().toBytes());
        try (InputStream ignored = process.getInputStream()) {
            String line;
            while ((line = lines.next()) != null && !stopped) {
                read(line, lines);
            }
        } finally {
            end(process);
            synchronized (lock) {
                current = null;
            }
        }
        String exit;
        try {
            // the JVM learns the exit code a moment after the process is gone
            exit = process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS) ? "exit " + process.exitValue()
                    : "still running";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exit = "interrupted";
        }
        return "ended (" + exit + ", " + lines.count + " lines, " + lines.ignored + " ignored)";
    }

    /** One line: a symptom when it is an event of a configured service whose action is a configured symptom. */
    private void read(String line, Lines lines) {
        if (line.isBlank()) {
            return;
        }
        JsonNode event;
        try {
            event = json.readTree(line);
        } catch (JacksonException e) {
            event = null;
        }
        if (event == null || !event.isObject()) {
            lines.ignored++;
            if (!lines.warnedMalformed) {
                lines.warnedMalformed = true;
                log.warn("Docker event stream: a line that is not a JSON event ({} bytes) is ignored; later ones in "
                        + "this stream are only counted: {}", line.getBytes(StandardCharsets.UTF_8).length,
                        HealthProbe.oneLine(line, 120));
            }
            return;
        }
        JsonNode attributes = event.path("Actor").path("Attributes");
        String type = text(event, "Type");
        String action = text(event, "Action") != null ? text(event, "Action") : text(event, "status");
        String service = text(attributes, SERVICE_LABEL);
        if (!(type == null || "container".equals(type)) || !settings.project().equals(text(attributes, PROJECT_LABEL))
                || service == null || !services.contains(service) || action == null
                || !settings.events().contains(action)) {
            log.debug("Docker event ignored: not a symptom of a configured service");
            return;
        }
        String exitCode = text(attributes, "exitCode");
        String detail = "컨테이너 " + service + " " + action
                + (exitCode != null && EXIT_CODE.matcher(exitCode).matches() ? " (exit " + exitCode + ")" : "")
                + " - docker 이벤트";
        log.info("Docker event: {}: a symptom of check '{}'", detail, settings.check());
        HealthMonitor listener = monitor.getIfAvailable();
        if (listener != null && !stopped) {
            listener.event(settings.check(), detail);
        }
    }

    /** A field's text when it is a JSON string, else null: numbers, objects and arrays never pass for a label. */
    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? value.textValue() : null;
    }

    private static void end(Process process) {
        try {
            if (!ProcessTree.terminate(process.toHandle(), STOP_GRACE)) {
                log.warn("Docker event stream (pid {}) did not end", process.pid());
            }
        } catch (InterruptedException e) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The stream's lines, each at most {@code max} bytes, split at LF only (a CR inside an event is part of its line
     * and makes it malformed JSON). A longer line is dropped whole, the warning naming its length only.
     */
    private static final class Lines {
        private final InputStream in;
        private final int max;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();
        private long count;
        private long ignored;
        /** One warning of each kind per stream: a hostile stream cannot flood the log. */
        private boolean warnedMalformed;
        private boolean warnedLong;

        Lines(InputStream in, int max) {
            this.in = new BufferedInputStream(in);
            this.max = max;
        }

        /** The next line that fits, or null at the end of the stream. */
        String next() throws IOException {
            while (true) {
                line.reset();
                long length = 0;
                int b;
                while ((b = in.read()) != -1 && b != '\n') {
                    length++;
                    if (length <= max) {
                        line.write(b);
                    }
                }
                if (b == -1 && length == 0) {
                    return null;
                }
                count++;
                if (length <= max) {
                    return line.toString(StandardCharsets.UTF_8);
                }
                ignored++;
                if (!warnedLong) {
                    warnedLong = true;
                    log.warn("Docker event stream: a line of {} bytes, longer than max-line ({} bytes), is ignored; "
                            + "later ones in this stream are only counted", length, max);
                }
                if (b == -1) {
                    return null;
                }
            }
        }
    }
}
