package dev.recoveryorchestrator.incident;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the shared incident frame.
 *
 * @param snapshotDir where the log snapshot {@code incident_YYYYMMDD_HHMM.log} is written (the runbook: /tmp)
 * @param snapshotLines how many of the target log's last lines the snapshot keeps
 * @param verifyAttempts health checks before recovery is declared unconfirmed
 * @param verifyInterval pause between those checks
 */
@Validated
@ConfigurationProperties("recovery.lifecycle")
public record LifecycleSettings(
        @DefaultValue("./data/snapshots") @NotNull Path snapshotDir,
        @DefaultValue("1000") @Min(1) int snapshotLines,
        @DefaultValue("5") @Min(1) int verifyAttempts,
        @DefaultValue("PT1S") @NotNull Duration verifyInterval,
        @DefaultValue("PT2S") @NotNull Duration healthTimeout) {
}
