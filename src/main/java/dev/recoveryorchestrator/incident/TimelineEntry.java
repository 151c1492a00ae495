package dev.recoveryorchestrator.incident;

import java.time.Instant;

/**
 * One line of an incident's timeline: what a step found or did, when, and who did it.
 *
 * @param actor the person (user id) who did it, when a person did; null when the orchestrator did it on its own
 * @param repeats how often it happened: more than 1 for a repeated outside event (the same alert again), which is one
 *     entry with a count rather than one entry per repeat
 * @param lastAt when it happened last, for a repeated event; else null
 * @param code what the entry records, for the readers that recognise it (the checklist, the report); null when none
 *     does. The step and the detail are words for people and may change; the code does not.
 */
public record TimelineEntry(Instant at, String step, String detail, String actor, int repeats, Instant lastAt,
        TimelineCode code) {

    public TimelineEntry(Instant at, String step, String detail, String actor, TimelineCode code) {
        this(at, step, detail, actor, 1, null, code);
    }

    public TimelineEntry(Instant at, String step, String detail, String actor) {
        this(at, step, detail, actor, null);
    }

    public TimelineEntry(Instant at, String step, String detail) {
        this(at, step, detail, null);
    }

    /** Whether this entry records {@code wanted}. */
    public boolean is(TimelineCode wanted) {
        return code == wanted;
    }

    /** Who did it, as the report and the API show it: the user id, or {@code 시스템} for the orchestrator. */
    public String actorName() {
        return actor == null ? MACHINE : actor;
    }

    /**
     * This entry with its count in its text ({@code … (같은 경보 ×3, 마지막 14:02)}), as every reader shows it;
     * unchanged when it happened once.
     *
     * @param lastClock the last time, as people read it ({@code HH:mm} in the configured zone)
     */
    TimelineEntry counted(String lastClock) {
        if (repeats <= 1) {
            return this;
        }
        return new TimelineEntry(at, step, detail + " (같은 경보 ×" + repeats + ", 마지막 " + lastClock + ")", actor, repeats,
                lastAt, code);
    }

    /** How the orchestrator itself is named as an actor. */
    public static final String MACHINE = "시스템";
}
