package dev.recoveryorchestrator.action;

/**
 * Published when a work has ended {@link WorkState#CANCELLED}, on the node that recorded it, so that whoever keeps a
 * record of what the work was for (the incident's timeline) can say so.
 *
 * @param work the work as recorded, its detail saying why and what was stopped
 */
public record WorkCancelled(Work work) {
}
