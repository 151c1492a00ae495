package dev.recoveryorchestrator.incident;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the shared incident frame.
 *
 * @param snapshotDir where the log snapshot {@code incident_YYYYMMDD_HHMM.log} is written (the runbook: /tmp)
 * @param snapshotLines how many of the target log's last lines the snapshot keeps
 * @param watchInterval while an incident is open, how often the lifecycle checks health on its own, whatever the
 *     runbook or a person is doing
 * @param watchPasses passing checks in a row (after the symptom was confirmed) that count as recovery: escalation
 *     and RTO timers stop and open tasks close; recoveredAt is the first of them
 * @param responderGroups the groups whose members may open or close an incident by hand (the tiers, devops and
 *     above, and admins); other users may read incidents, not change them
 * @param orphanSweep how often OPEN incidents without a running lifecycle are looked for and closed
 */
@Validated
@ConfigurationProperties("recovery.lifecycle")
public record LifecycleSettings(
        @DefaultValue("./data/snapshots") @NotNull Path snapshotDir,
        @DefaultValue("1000") @Min(1) int snapshotLines,
        @DefaultValue("PT30S") @NotNull Duration watchInterval,
        @DefaultValue("3") @Min(1) int watchPasses,
        @DefaultValue("PT5M") @NotNull Duration orphanSweep,
        @DefaultValue({"devops", "backend", "it", "cto", "camunda-admin"}) @NotEmpty List<String> responderGroups) {
}
