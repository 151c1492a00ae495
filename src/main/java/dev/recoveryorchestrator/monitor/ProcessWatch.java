package dev.recoveryorchestrator.monitor;

import dev.recoveryorchestrator.action.TargetProcess;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Event-driven detection where the event exists: the target's process exiting is the symptom of the configured check
 * ({@code recovery.monitor.process-watch.check}), seen through {@link ProcessHandle#onExit()} the moment it happens,
 * not after three failed polls. The monitor then treats it as that check firing ({@link HealthMonitor#event}): the
 * same classification, the same one incident per outage, the same maintenance windows and the same exception for our
 * own restarts (an exit while {@code restart-backend} runs is expected). The watch re-arms on the new process after a
 * restart (every {@code rearm-interval} it looks for one); polling goes on beside it as the fallback.
 */
@Component
class ProcessWatch {

    private static final Logger log = LoggerFactory.getLogger(ProcessWatch.class);
    private final ProcessWatchSettings settings;
    private final ObjectProvider<HealthMonitor> monitor;
    private final ObjectProvider<TargetProcess> started;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "process-watch");
        thread.setDaemon(true);
        return thread;
    });
    private long watched = -1;
    private volatile boolean stopped;

    ProcessWatch(ProcessWatchSettings settings, ObjectProvider<HealthMonitor> monitor,
            ObjectProvider<TargetProcess> started) {
        this.settings = settings;
        this.monitor = monitor;
        this.started = started;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        if (!settings.enabled() || monitor.getIfAvailable() == null) {
            return;
        }
        log.info("Watching the target's process ({}): its exit is a symptom of check '{}'", settings.pidFile() == null
                ? "started by the orchestrator" : "pid in " + settings.pidFile(), settings.check());
        scheduler.scheduleWithFixedDelay(this::armSafely, 0, settings.rearmInterval().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops watching: an exit seen after this (its callback is still registered on the process) counts nothing. */
    @PreDestroy
    void stop() {
        stopped = true;
        scheduler.shutdownNow();
    }

    private void armSafely() {
        try {
            arm();
        } catch (RuntimeException e) {
            log.warn("Process watch could not look for the target's process; it will try again", e);
        }
    }

    /** Watches the current process unless it is already watched; returns whether a new one is watched now. */
    synchronized boolean arm() {
        Optional<ProcessHandle> current = current().filter(ProcessHandle::isAlive);
        if (current.isEmpty() || current.get().pid() == watched) {
            return false;
        }
        ProcessHandle process = current.get();
        watched = process.pid();
        process.onExit().thenAccept(this::exited);
        log.debug("Watching pid {}", watched);
        return true;
    }

    private void exited(ProcessHandle process) {
        if (stopped) {
            return;
        }
        String detail = "대상 프로세스 종료 (pid " + process.pid() + ")";
        log.info("The target's process {} exited: a symptom of check '{}'", process.pid(), settings.check());
        HealthMonitor listener = monitor.getIfAvailable();
        if (listener != null) {
            listener.event(settings.check(), detail);
        }
        scheduler.execute(this::armSafely);
    }

    private Optional<ProcessHandle> current() {
        if (settings.pidFile() == null) {
            TargetProcess process = started.getIfAvailable();
            return process == null ? Optional.empty() : process.current();
        }
        try {
            String text = Files.readString(settings.pidFile(), StandardCharsets.US_ASCII).strip();
            return text.matches("[0-9]{1,10}") ? ProcessHandle.of(Long.parseLong(text)) : Optional.empty();
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }
}
