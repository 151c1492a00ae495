package dev.recoveryorchestrator.notify;

import java.nio.charset.StandardCharsets;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.value.TypedValue;

/** Typed access to the variables of a {@code notification-mail} instance. */
final class MailVariables {

    static final String TO = "mailTo";
    static final String SUBJECT = "mailSubject";
    static final String BODY = "mailBody";
    static final String TEMPLATE = "mailTemplate";
    static final String INCIDENT_ID = "incidentId";

    private MailVariables() {
    }

    /** The longest text the engine stores as a string variable (its text column); longer text goes as bytes. */
    static final int MAX_STRING = 4000;

    static OutgoingMail read(VariableScope scope) {
        return new OutgoingMail(
                text(scope.getVariable(TO)).split(","),
                text(scope.getVariable(SUBJECT)),
                text(scope.getVariable(BODY)));
    }

    /** A text variable that fits whatever its length: a string up to {@link #MAX_STRING}, UTF-8 bytes beyond. */
    static TypedValue textValue(String text) {
        return text.length() <= MAX_STRING ? Variables.stringValue(text)
                : Variables.byteArrayValue(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String text(Object value) {
        return value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : (String) value;
    }
}
