package dev.recoveryorchestrator.inspection.drill;

import java.time.Instant;

/**
 * One DR drill as recorded: the machine's figures, not a pass or fail alone.
 *
 * @param failureType the failure type id drilled, or {@code invalid} when the requested type was not one
 * @param incidentId the drill incident, null when none was opened (refused, injection failed)
 * @param recoverySeconds recovery time achieved: the drill incident's recovery (its first passing health check) minus
 *     the injection; null when it did not recover
 * @param targetSeconds the RTO target the recovery is measured against
 * @param outcome {@code RECOVERED}, {@code NOT_RECOVERED}, {@code REFUSED} or {@code INJECTION_FAILED}
 * @param finding what the drill found and did, one line per step
 */
public record DrillResult(String id, String failureType, String incidentId, String processInstanceId,
        Instant startedAt, Instant injectedAt, Instant recoveredAt, Instant endedAt, Long recoverySeconds,
        long targetSeconds, String outcome, String finding, String startedBy) {

    /** Whether the recovery time achieved is within the RTO target. */
    public boolean withinTarget() {
        return recoverySeconds != null && recoverySeconds <= targetSeconds;
    }
}
