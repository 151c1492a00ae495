package dev.recoveryorchestrator.monitor;

import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Event-driven detection of the target's process ({@link ProcessWatch}): its exit is seen the moment it happens
 * instead of after {@code threshold} failed polls. Polling stays the fallback for everything an exit does not show.
 *
 * @param check the name of the monitor check (recovery.monitor.checks[].name) an exit is a symptom of: its type,
 *     scope and summary, its disrupted-by and maintenance windows apply; empty: no process is watched
 * @param pidFile where the pid of a target process the orchestrator did not start is written (uvicorn's
 *     {@code --pid}, systemd's PIDFile); empty: the process the orchestrator started itself (the demo's stand-in)
 * @param rearmInterval how often the watch looks for a new process to watch (after a restart, a new pid)
 */
@Validated
@ConfigurationProperties("recovery.monitor.process-watch")
public record ProcessWatchSettings(
        String check,
        Path pidFile,
        @DefaultValue("PT1S") @NotNull Duration rearmInterval) {

    boolean enabled() {
        return check != null && !check.isBlank();
    }
}
