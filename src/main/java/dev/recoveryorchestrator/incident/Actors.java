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
        if (text.length() > MAX_NOTE) {
            throw new FormFieldValidationException(null, field + " is longer than " + MAX_NOTE + " characters");
        }
        boolean bad = text.chars().anyMatch(c -> (Character.getType(c) == Character.CONTROL && c != '\n' && c != '\r'
                && c != '\t') || Character.getType(c) == Character.FORMAT);
        if (bad) {
            throw new FormFieldValidationException(null, field + " contains control or format characters");
        }
        return text;
    }
}
