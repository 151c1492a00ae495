package dev.recoveryorchestrator.observe;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * This node's heartbeat, the orchestrator's own liveness for something else to watch (docs/operations.md, "Watching
 * the orchestrator itself"): when its health monitor last finished a round and when its job executor last acquired
 * jobs (an acquisition that found none counts: it reached the database and would have run a due timer). Exported
 * per node as {@code recovery_monitor_last_round_timestamp_seconds} and
 * {@code recovery_job_acquisition_last_timestamp_seconds}, in wall-clock seconds as Prometheus' {@code time()}.
 * <p>
 * Each starts at the node's start, so a monitor or an executor that never gets going goes stale like one that stops;
 * one switched off by configuration is NaN (never stale: nothing is expected of it).
 */
@Component
public class Heartbeat {

    private final AtomicLong monitorRound = new AtomicLong();
    private final AtomicLong jobAcquisition = new AtomicLong();
    private final Clock wall = Clock.systemUTC();
    private final MeterRegistry metrics;
    private final MetricsSettings settings;
    private final Environment environment;
    private final boolean monitorEnabled;
    private final boolean jobExecutorEnabled;
    private volatile String nodeId;

    Heartbeat(MeterRegistry metrics, MetricsSettings settings, Environment environment,
            @Value("${recovery.monitor.enabled:true}") boolean monitorEnabled,
            @Value("${camunda.bpm.job-execution.enabled:true}") boolean jobExecutorEnabled) {
        this.metrics = metrics;
        this.settings = settings;
        this.environment = environment;
        this.monitorEnabled = monitorEnabled;
        this.jobExecutorEnabled = jobExecutorEnabled;
        long started = wall.millis();
        monitorRound.set(started);
        jobAcquisition.set(started);
    }

    /** Registers the gauges once the HTTP port (part of the default node id) is known. */
    @EventListener(ApplicationReadyEvent.class)
    void register() {
        Gauge.builder("recovery.monitor.last.round.timestamp", this,
                        heartbeat -> heartbeat.monitorEnabled ? heartbeat.monitorRound.get() / 1000.0 : Double.NaN)
                .baseUnit("seconds").tag("node", nodeId())
                .description("When this node's health monitor last finished a round (NaN: monitor off)")
                .register(metrics);
        Gauge.builder("recovery.job.acquisition.last.timestamp", this,
                        heartbeat -> heartbeat.jobExecutorEnabled ? heartbeat.jobAcquisition.get() / 1000.0 : Double.NaN)
                .baseUnit("seconds").tag("node", nodeId())
                .description("When this node's job executor last acquired jobs (NaN: job executor off)")
                .register(metrics);
    }

    /** The health monitor finished a round (whatever it found: a round that ran is a sign of life). */
    public void monitorRound() {
        monitorRound.set(wall.millis());
    }

    /** The job executor acquired jobs (possibly none). */
    public void jobsAcquired() {
        jobAcquisition.set(wall.millis());
    }

    /** When the job executor last acquired jobs, whether it is on or not (tests). */
    Instant jobAcquisitionAt() {
        return Instant.ofEpochMilli(jobAcquisition.get());
    }

    /** When the last monitor round ended, or empty when the monitor is off. */
    java.util.Optional<Instant> lastMonitorRound() {
        return monitorEnabled ? java.util.Optional.of(Instant.ofEpochMilli(monitorRound.get())) : java.util.Optional.empty();
    }

    /** When the job executor last acquired jobs, or empty when it is off. */
    java.util.Optional<Instant> lastJobAcquisition() {
        return jobExecutorEnabled ? java.util.Optional.of(Instant.ofEpochMilli(jobAcquisition.get()))
                : java.util.Optional.empty();
    }

    /** Whether every part that is on has shown life within {@code recovery.metrics.stale-after}. */
    boolean fresh() {
        Instant limit = wall.instant().minus(settings.staleAfter());
        return lastMonitorRound().map(at -> at.isAfter(limit)).orElse(true)
                && lastJobAcquisition().map(at -> at.isAfter(limit)).orElse(true);
    }

    /** The host as background work names it ({@code recovery.background-work.host-id}), else the machine's name. */
    private String hostName() {
        String configured = environment.getProperty("recovery.background-work.host-id", "");
        if (!configured.isBlank()) {
            return configured;
        }
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "localhost";
        }
    }

    /** This node's {@code node} label. */
    public String nodeId() {
        if (nodeId == null) {
            nodeId = settings.nodeId() != null && !settings.nodeId().isBlank() ? settings.nodeId()
                    : hostName() + ":" + environment.getProperty("local.server.port",
                            environment.getProperty("server.port", "8080"));
        }
        return nodeId;
    }
}
