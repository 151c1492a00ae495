package dev.recoveryorchestrator.incident;

import java.time.Instant;

/**
 * A responder said "I'm on it" (확인, acknowledge). Recorded once per incident: the first one wins and stays.
 *
 * @param by the user id of who acknowledged
 * @param via how: {@code api}, {@code mail} (the signed link of the escalation mail) or {@code tasklist} (claiming a
 *     tier's task)
 */
public record Acknowledgement(String incidentId, Instant at, String by, String via) {

    public static final String API = "api";
    public static final String MAIL = "mail";
    public static final String TASKLIST = "tasklist";

    /** How it was done, in the words the timeline and the mails use. */
    public String viaWords() {
        return switch (via) {
            case MAIL -> "메일 링크";
            case TASKLIST -> "Tasklist 작업 담당";
            default -> "API";
        };
    }
}
