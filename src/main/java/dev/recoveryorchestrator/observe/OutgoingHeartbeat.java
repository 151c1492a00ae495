package dev.recoveryorchestrator.observe;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The outgoing heartbeat (the Watchdog pattern): when {@code recovery.metrics.heartbeat-url} is set, a GET to it every
 * {@code heartbeat-interval} while this node's own {@link Heartbeat} is fresh. A dead-man's-switch service on the
 * other end (a ping service, or a receiver that alerts when the pings stop) raises the alarm when they stop: the node
 * died, hangs, lost its database, or its monitor or job executor stopped. A failed ping is logged and tried again at
 * the next interval; it never affects recovery.
 */
@Component
class OutgoingHeartbeat {

    private static final Logger log = LoggerFactory.getLogger(OutgoingHeartbeat.class);
    private final MetricsSettings settings;
    private final Heartbeat heartbeat;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private ScheduledExecutorService scheduler;

    OutgoingHeartbeat(MetricsSettings settings, Heartbeat heartbeat) {
        this.settings = settings;
        this.heartbeat = heartbeat;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        if (settings.heartbeatUrl() == null || settings.heartbeatUrl().toString().isBlank()) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "outgoing-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        long every = settings.heartbeatInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::beat, 0, every, TimeUnit.MILLISECONDS);
        log.info("Outgoing heartbeat to {} every {}", settings.heartbeatUrl().getHost(), settings.heartbeatInterval());
    }

    /** One ping, when this node is alive in every part that is on. */
    void beat() {
        if (!heartbeat.fresh()) {
            log.warn("Outgoing heartbeat withheld: this node's monitor or job executor is stale");
            return;
        }
        try {
            HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(settings.heartbeatUrl())
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.discarding());
            if (answer.statusCode() / 100 != 2) {
                log.warn("Outgoing heartbeat answered {}", answer.statusCode());
            }
        } catch (java.io.IOException e) {
            log.warn("Outgoing heartbeat failed: {}", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @PreDestroy
    void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }
}
