package dev.recoveryorchestrator.notify;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code Task_SendMail} of {@code notification-mail}: sends one queued mail; a failure is retried by the engine. */
@Component("sendMailDelegate")
class SendMailDelegate implements JavaDelegate {

    private final MailGateway gateway;

    SendMailDelegate(MailGateway gateway) {
        this.gateway = gateway;
    }

    @Override
    public void execute(DelegateExecution execution) {
        gateway.send(MailVariables.read(execution));
    }
}
