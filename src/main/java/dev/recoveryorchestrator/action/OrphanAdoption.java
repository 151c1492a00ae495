package dev.recoveryorchestrator.action;

import dev.recoveryorchestrator.action.ActionCatalog.Plan;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What this node does with a work whose node is gone (its heartbeat stale): its process, if it still runs on this
 * host (same pid and start time), is adopted and watched, killed past the work's deadline, with its exit code
 * unknown; otherwise the work is {@link WorkState#LOST}. A cancel request for a work this node does not run is
 * carried out here too: left to its node while that one is alive, else its process is stopped on this host, or a
 * check of the other host is asked for. Every end is a conditional update, so a node that comes back, or another
 * node doing the same, records nothing twice. Such a work is never started again.
 */
final class OrphanAdoption {

    private static final Logger log = LoggerFactory.getLogger(OrphanAdoption.class);
    private final ActionCatalog catalog;
    private final WorkStore store;
    private final WorkRecords records;
    private final BackgroundWorkSettings settings;
    private final String hostId;
    private final String nodeId;

    OrphanAdoption(ActionCatalog catalog, WorkStore store, WorkRecords records, BackgroundWorkSettings settings,
            String hostId, String nodeId) {
        this.catalog = catalog;
        this.store = store;
        this.records = records;
        this.settings = settings;
        this.hostId = hostId;
        this.nodeId = nodeId;
    }

    /**
     * Acts on the open cancel request of a started work that this node does not run: leaves it to its node when that
     * one is alive (it sees the request on its next heartbeat); stops its process when its node is gone and the
     * process runs on this host; asks for a check of its host by hand once the request is stale there.
     */
    void cancelNotRunHere(Work work, Instant now) {
        String id = work.id();
        boolean ownerAlive = work.adoptedBy() == null && !work.nodeId().equals(nodeId)
                && !work.heartbeatAt().plus(settings.staleAfter()).isBefore(now);
        if (ownerAlive) {
            log.info("Work {} ({}) is to be cancelled; its node {} stops it on its next heartbeat", id, work.action(),
                    work.nodeId());
            return;
        }
        String gone = "; its node " + work.nodeId() + " was gone";
        String process = work.pid() == null ? "no process of it could be watched" : "process pid " + work.pid()
                + " (step " + work.step() + ")";
        if (hostId.equals(work.hostId())) {
            Optional<ProcessHandle> running = work.pid() == null ? Optional.empty()
                    : ProcessTree.find(work.pid(), work.pidStartedMillis());
            if (running.isPresent()) {
                boolean ended = terminate(running.get());
                endCancelled(work, gone + "; node " + nodeId + " stopped its " + process
                        + (ended ? "" : ", but not every process of it ended"), now);
            } else {
                endCancelled(work, gone + (work.pid() == null ? "; " + process : "; its " + process
                        + " no longer ran") + "; its outcome is unknown", now);
            }
        } else if (work.cancelRequestedAt().plus(settings.staleAfter()).isBefore(now)) {
            endCancelled(work, gone + "; no node on " + work.hostId() + " stopped its " + process
                    + ": check that host by hand", now);
        }
    }

    private void endCancelled(Work work, String what, Instant now) {
        if (store.endForGoneOwner(work.id(), work.heartbeatAt(), WorkState.CANCELLED, work.outputTail(),
                work.cancelReason() + what, now)) {
            records.cancelled(work.id());
        }
    }

    /** The work of a gone node as it stands now: adopted here and still watched, or ended. */
    Work takeOver(Work work, Instant now) {
        String gone = "node " + work.nodeId() + " stopped renewing its heartbeat (last " + work.heartbeatAt() + ")";
        if (work.state() == WorkState.PENDING) {
            return endForGoneOwner(work, WorkState.LOST, gone + " before it started the work; nothing ran", now);
        }
        Optional<ProcessHandle> process = hostId.equals(work.hostId()) && work.pid() != null
                ? ProcessTree.find(work.pid(), work.pidStartedMillis())
                : Optional.empty();
        String stepText = "step " + work.step() + laterSteps(work);
        if (process.isEmpty()) {
            String detail = work.adoptedBy() != null
                    ? "the process pid " + work.pid() + " of " + stepText + " ended after its node stopped; its exit code "
                            + "is unknown"
                    : gone + "; " + (work.pid() == null ? "no process of it can be watched" : "its process pid " + work.pid()
                            + " (" + stepText + ") no longer runs on " + hostId) + "; its outcome is unknown";
            return endForGoneOwner(work, WorkState.LOST, detail, now);
        }
        if (work.adoptedBy() == null) {
            store.adopt(work.id(), nodeId, work.heartbeatAt(), gone + "; its process pid " + work.pid() + " (" + stepText
                    + ") still runs on " + hostId + " and is watched by " + nodeId + "; its exit code will be unknown");
        }
        if (now.isAfter(work.deadline())) {
            boolean ended = terminate(process.get());
            return endForGoneOwner(work, WorkState.TIMED_OUT, "past its deadline " + work.deadline() + " after its node "
                    + "stopped: process pid " + work.pid() + (ended ? " killed" : " killed, but not every process ended"), now);
        }
        store.updateTail(work.id(), work.outputTail());
        return records.find(work.id()).orElseThrow();
    }

    private Work endForGoneOwner(Work work, WorkState state, String detail, Instant now) {
        if (store.endForGoneOwner(work.id(), work.heartbeatAt(), state, work.outputTail(), detail, now)) {
            log.warn("Work {} ({}) ended {}: {}", work.id(), work.action(), state, detail);
        }
        return records.find(work.id()).orElseThrow();
    }

    /** ", later steps did not run" when the work has steps after the recorded one. */
    private String laterSteps(Work work) {
        try {
            Plan plan = catalog.plan(work.action());
            int steps = plan.configured() == null ? 1 : plan.configured().steps().size();
            return " of " + steps + (work.step() < steps ? ", later steps did not run" : "");
        } catch (IllegalStateException unknownNow) {
            return "";
        }
    }

    private boolean terminate(ProcessHandle process) {
        try {
            return ProcessTree.terminate(process, settings.killGrace());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
