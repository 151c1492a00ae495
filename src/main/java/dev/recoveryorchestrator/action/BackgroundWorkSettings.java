package dev.recoveryorchestrator.action;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Tracked background work ({@code recovery.background-work}).
 *
 * @param dir where each work's output file ({@code <work id>.log}) is written
 * @param heartbeat how often the node running a work renews its heartbeat (and the output tail) in the database
 * @param staleAfter a heartbeat older than this means the node is gone; at least three heartbeats
 * @param killGrace after SIGTERM to a work that passed its deadline, how long before SIGKILL
 * @param shutdownWait on a clean shutdown, how long the node waits for its running work to end before it leaves
 *     them (another node then finds them still running or lost)
 * @param hostId names the machine (its process table) a work's process runs on; the host name when unset. Two
 *     nodes with the same host id must see the same processes.
 */
@Validated
@ConfigurationProperties("recovery.background-work")
public record BackgroundWorkSettings(
        @DefaultValue("./data/work") @NotNull Path dir,
        @DefaultValue("PT5S") @NotNull Duration heartbeat,
        @DefaultValue("PT30S") @NotNull Duration staleAfter,
        @DefaultValue("PT10S") @NotNull Duration killGrace,
        @DefaultValue("PT30S") @NotNull Duration shutdownWait,
        @Size(max = 100) String hostId) {

    @AssertTrue(message = "heartbeat must be positive and stale-after at least three heartbeats")
    public boolean isStaleAfterSeveralHeartbeats() {
        return heartbeat == null || staleAfter == null
                || (heartbeat.compareTo(Duration.ZERO) > 0 && staleAfter.compareTo(heartbeat.multipliedBy(3)) >= 0);
    }
}
