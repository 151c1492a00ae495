package dev.recoveryorchestrator.notify;

import org.camunda.bpm.engine.delegate.VariableScope;

/** Typed access to the variables of a {@code notification-mail} instance. */
final class MailVariables {

    static final String TO = "mailTo";
    static final String SUBJECT = "mailSubject";
    static final String BODY = "mailBody";
    static final String TEMPLATE = "mailTemplate";
    static final String INCIDENT_ID = "incidentId";

    private MailVariables() {
    }

    static OutgoingMail read(VariableScope scope) {
        return new OutgoingMail(
                ((String) scope.getVariable(TO)).split(","),
                (String) scope.getVariable(SUBJECT),
                (String) scope.getVariable(BODY));
    }
}
