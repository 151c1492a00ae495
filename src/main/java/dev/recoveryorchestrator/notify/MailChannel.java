package dev.recoveryorchestrator.notify;

import java.util.Optional;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/**
 * Mail: one {@code notification-mail} instance per notification, started in the caller's transaction, so it is
 * stored before the step that asked for it completes, is sent asynchronously with the configured retry cycle, ends
 * as a Cockpit incident when it keeps failing, and outlives the incident that caused it: never dropped, never
 * holding an escalation back.
 */
@Component
class MailChannel implements Channel {

    static final String NAME = "mail";
    private final RuntimeService runtime;

    MailChannel(RuntimeService runtime) {
        this.runtime = runtime;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<String> deliver(Notification notification, Recipients recipients) {
        if (recipients.addresses().isEmpty()) {
            return Optional.empty();
        }
        String to = String.join(",", recipients.addresses());
        VariableMap variables = Variables.createVariables()
                .putValue(MailVariables.TO, MailVariables.textValue(to))
                .putValue(MailVariables.SUBJECT, notification.subject())
                .putValue(MailVariables.BODY, MailVariables.textValue(notification.body()))
                .putValue(MailVariables.TEMPLATE, notification.template());
        notification.incidentId().ifPresent(id -> variables.putValue(MailVariables.INCIDENT_ID, id));
        runtime.startProcessInstanceByKey(Notifier.MAIL_PROCESS, notification.incidentId().orElse(null), variables);
        return Optional.of(String.join(", ", recipients.addresses()));
    }
}
