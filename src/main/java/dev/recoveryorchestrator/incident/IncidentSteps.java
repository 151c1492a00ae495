package dev.recoveryorchestrator.incident;

/**
 * Timeline step names that more than one feature reads: the post-incident review writes them, the checklist ticks
 * its lines by them.
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

    private IncidentSteps() {
    }
}
