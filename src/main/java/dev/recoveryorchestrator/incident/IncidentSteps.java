package dev.recoveryorchestrator.incident;

/**
 * Words of the post-incident review's timeline entries that more than one feature writes: the step names (the labels
 * of their {@link TimelineCode}s) and how the details begin. Words for people only: the checklist and the report
 * recognise these entries by their code, so changing a word here unticks nothing.
 */
public final class IncidentSteps {

    /** A post-incident report was written (draft or final). */
    public static final String REPORT = "사후 보고서";
    /** The review task (cause, prevention measures, lessons). */
    public static final String REVIEW = "사후 검토";
    /** The documentation-update task. */
    public static final String DOCS = "문서 업데이트";
    /** How an entry of {@link #REVIEW} or {@link #DOCS} begins when the person finished the task. */
    public static final String DONE = "완료";
    /** How the entry of {@link #REVIEW} begins that says a review was asked for at recovery, and why. */
    public static final String ASKED = "요청함";
    /**
     * How the entry of {@link #REVIEW} begins that says no review was asked for at recovery, and why (an automatic
     * recovery nobody took part in, shorter than {@code recovery.review.min-downtime}): the checklist's review lines
     * then do not apply, and the report says so.
     */
    public static final String NOT_ASKED = "요청 안 함";
    /** Why no review was asked: an automatic recovery nobody took part in (ReviewRule; the checklist shows it). */
    public static final String AUTOMATIC = "사람이 관여하지 않은 자동 복구";

    private IncidentSteps() {
    }
}
