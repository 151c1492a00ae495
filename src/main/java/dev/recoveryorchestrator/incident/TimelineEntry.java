package dev.recoveryorchestrator.incident;

import java.time.Instant;

/**
 * One line of an incident's timeline: what a step found or did, when, and who did it.
 *
 * @param actor the person (user id) who did it, when a person did; null when the orchestrator did it on its own
 */
public record TimelineEntry(Instant at, String step, String detail, String actor) {

    public TimelineEntry(Instant at, String step, String detail) {
        this(at, step, detail, null);
    }

    /** Who did it, as the report and the API show it: the user id, or {@code 시스템} for the orchestrator. */
    public String actorName() {
        return actor == null ? MACHINE : actor;
    }

    /** How the orchestrator itself is named as an actor. */
    public static final String MACHINE = "시스템";
}
