package dev.recoveryorchestrator.incident;

import java.time.Instant;
import java.util.Optional;

/**
 * What {@code GET /api/incidents} asks for: the filters (each optional) and one page, newest first.
 *
 * @param openedFrom incidents that began at or after this instant
 * @param openedTo incidents that began before this instant
 * @param page zero-based page number
 * @param size incidents per page, 1 to {@link #MAX_SIZE}
 * @param drill only drills ({@code true}) or only real incidents ({@code false}); empty: both, drills marked
 */
public record IncidentQuery(Optional<IncidentState> state, Optional<FailureType> type, Optional<Instant> openedFrom,
        Optional<Instant> openedTo, int page, int size, Optional<Boolean> drill) {

    public static final int DEFAULT_SIZE = 50;
    public static final int MAX_SIZE = 500;
    /** Far enough for any real history, small enough that page × size cannot overflow. */
    public static final int MAX_PAGE = 1_000_000;

    public IncidentQuery {
        if (page < 0 || page > MAX_PAGE || size < 1 || size > MAX_SIZE) {
            throw new IllegalArgumentException("page " + page + " / size " + size + " out of range");
        }
    }

    public IncidentQuery(Optional<IncidentState> state, Optional<FailureType> type, Optional<Instant> openedFrom,
            Optional<Instant> openedTo, int page, int size) {
        this(state, type, openedFrom, openedTo, page, size, Optional.empty());
    }
}
