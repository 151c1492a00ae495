package dev.recoveryorchestrator.action;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * One run of an action as tracked background work, as recorded in {@code ro_background_work}.
 *
 * @param ownerKey who started it (the run-action instance and its start task); one work per owner
 * @param reference what it is for, such as the incident id; may be null
 * @param nodeId the node (JVM) that runs it
 * @param hostId the machine whose process table holds its process
 * @param step the step now running, from 1; 0 before the first
 * @param pid the process of the current step, when it is an OS process
 * @param pidStartedMillis when that process started, so that a reused pid is never taken for it
 * @param outputTail the end of its output as last recorded
 * @param deadline past this it is killed and ends {@link WorkState#TIMED_OUT}
 * @param heartbeatAt renewed by the owning node while the work runs
 * @param exitCode of the last step that ended; null when unknown
 * @param adoptedBy a node that found the owner gone but the process still running, and watches it since
 * @param detail what happened beyond the state, for people
 * @param cancelRequestedAt when cancelling it was asked for; null when it was not
 * @param cancelReason why it is to be cancelled; while the work is still live, its node stops it on its next heartbeat
 */
public record Work(
        String id,
        String ownerKey,
        String action,
        String reference,
        String nodeId,
        String hostId,
        WorkState state,
        int step,
        Long pid,
        Long pidStartedMillis,
        Path outputFile,
        String outputTail,
        Instant startedAt,
        Instant deadline,
        Instant heartbeatAt,
        Instant endedAt,
        Integer exitCode,
        String adoptedBy,
        String detail,
        Instant cancelRequestedAt,
        String cancelReason) {

    /**
     * A work as recorded before its first step: step 0, no process, not ended, not adopted, no cancel request, its
     * heartbeat as of its start.
     */
    static Work beforeFirstStep(String id, String ownerKey, String action, String reference, String nodeId,
            String hostId, WorkState state, Path outputFile, String outputTail, Instant startedAt, Instant deadline) {
        return new Work(id, ownerKey, action, reference, nodeId, hostId, state, 0, null, null, outputFile, outputTail,
                startedAt, deadline, startedAt, null, null, null, null, null, null);
    }

    /** How long it has run, or ran. */
    public Duration elapsed(Instant now) {
        return Duration.between(startedAt, endedAt != null ? endedAt : now);
    }

    Work withOutputTail(String tail) {
        return new Work(id, ownerKey, action, reference, nodeId, hostId, state, step, pid, pidStartedMillis, outputFile,
                tail, startedAt, deadline, heartbeatAt, endedAt, exitCode, adoptedBy, detail, cancelRequestedAt, cancelReason);
    }
}
