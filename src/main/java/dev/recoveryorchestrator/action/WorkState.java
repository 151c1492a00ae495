package dev.recoveryorchestrator.action;

/** Where a piece of tracked background work stands. */
public enum WorkState {
    /** Recorded; its process starts once the job that recorded it has committed. */
    PENDING,
    /** Its steps run on the node that owns it, which renews the heartbeat. */
    RUNNING,
    SUCCEEDED,
    FAILED,
    /** Ran past its deadline and was killed. */
    TIMED_OUT,
    /** Its node stopped and its outcome is unknown: a person decides whether it took effect. */
    LOST,
    /**
     * Whoever waited for it was cancelled (its run-action instance deleted): its processes were stopped, or it never
     * started. The reason is in the detail.
     */
    CANCELLED;

    public boolean ended() {
        return this != PENDING && this != RUNNING;
    }
}
