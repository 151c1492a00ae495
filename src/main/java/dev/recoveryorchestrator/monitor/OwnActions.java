package dev.recoveryorchestrator.monitor;

import dev.recoveryorchestrator.action.BackgroundWork;
import dev.recoveryorchestrator.action.HealthCheckSettings;
import dev.recoveryorchestrator.action.Work;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The orchestrator's own recovery actions as the monitor sees them: a restart makes {@code /api/health} fail for a
 * few seconds, and that is no outage. They are read from the tracked-work records ({@code ro_background_work}),
 * which every node writes, so an action another node runs counts as much as one run here.
 *
 * <p>A work may disrupt a check while it is live and for {@code recovery.health-check.after-action-settle} after it
 * ended: the runbook's check after the action runs then, and until it ends the service may still be starting. A work
 * still recorded live past its deadline (its node gone before it recorded the end) counts as ended at the deadline,
 * so a stale record never hides an outage for longer. Work times are the nodes' real time; they are compared with
 * the monitor's round time, the engine's clock, which is the same clock outside tests.
 */
@Component
class OwnActions {

    private final BackgroundWork work;
    private final Duration settle;

    @Autowired
    OwnActions(BackgroundWork work, HealthCheckSettings health) {
        this.work = work;
        this.settle = health.settleAfterAction();
    }

    private OwnActions() {
        this.work = null;
        this.settle = Duration.ZERO;
    }

    /** No action of ours ever runs (for monitors built by hand in tests). */
    static OwnActions none() {
        return new OwnActions();
    }

    Duration settle() {
        return settle;
    }

    /** The works that may disrupt a check at {@code now}: live ones first, then the most recently ended. */
    List<Work> disruptingAt(Instant now) {
        if (work == null) {
            return List.of();
        }
        return work.liveOrEndedSince(now.minus(settle)).stream()
                .filter(found -> now.isBefore((found.state().ended() ? found.endedAt() : found.deadline()).plus(settle)))
                .sorted(Comparator.comparing((Work found) -> found.state().ended())
                        .thenComparing(found -> found.endedAt() == null ? found.startedAt() : found.endedAt(),
                                Comparator.reverseOrder()))
                .toList();
    }
}
