package dev.recoveryorchestrator.incident;

import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.identity.Authentication;

/**
 * Who did something to a task, and what they wrote, as the record keeps it. The person is the authenticated user
 * who completes the task — not its assignee, which any candidate may set to someone else — so a decision cannot be
 * recorded under another person's name. Text a person types into a form passes the same checks as the API's.
 */
public final class Actors {

    public static final int MAX_NOTE = 2000;

    private Actors() {
    }

    /** The authenticated user completing the task; else its assignee (the application's own calls); else {@code fallback}. */
    public static String who(DelegateTask task, String fallback) {
        Authentication user = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        if (user != null && user.getUserId() != null) {
            return user.getUserId();
        }
        return task.getAssignee() == null ? fallback : task.getAssignee();
    }

    /**
     * A form's free text, checked like the API's: at most {@value #MAX_NOTE} characters, line breaks and tabs but no
     * other control or format characters (NUL, ESC, bidi overrides). A refusal keeps the task open with a 400.
     */
    public static String note(Object value, String field) {
        String text = value == null ? "" : value.toString().strip();
        refusal(field, text, MAX_NOTE, true).ifPresent(why -> {
            throw new FormFieldValidationException(null, why);
        });
        return text;
    }

    /**
     * The one rule for text people give us, in the API and in forms: at most {@code max} characters, and no control
     * characters (NUL, ESC; line breaks and tabs only where {@code multiLine}) or format characters (bidi overrides,
     * zero-width characters that disguise what a reader sees).
     *
     * @return why the text is refused, naming the field; empty when it is fine
     */
    public static java.util.Optional<String> refusal(String field, String text, int max, boolean multiLine) {
        if (text.length() > max) {
            return java.util.Optional.of(field + " is longer than " + max + " characters");
        }
        boolean bad = text.chars().anyMatch(c -> Character.getType(c) == Character.FORMAT
                || (Character.getType(c) == Character.CONTROL && !(multiLine && (c == '\n' || c == '\r' || c == '\t'))));
        return bad ? java.util.Optional.of(field + " contains control or format characters"
                + (multiLine ? " (only line breaks and tabs are allowed)" : "")) : java.util.Optional.empty();
    }
}
