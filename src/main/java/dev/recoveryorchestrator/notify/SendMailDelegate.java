package dev.recoveryorchestrator.notify;

import java.time.Instant;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * {@code Task_SendMail} of {@code notification-mail}: sends one queued mail; a failure is retried by the engine. A run
 * of the job that finds its mail sent already ({@link SentMails}: a node died after sending, before its commit) sends
 * nothing: each mail once.
 */
@Component("sendMailDelegate")
class SendMailDelegate implements JavaDelegate {

    private static final Logger log = LoggerFactory.getLogger(SendMailDelegate.class);
    private final MailGateway gateway;
    private final SentMails sent;

    SendMailDelegate(MailGateway gateway, SentMails sent) {
        this.gateway = gateway;
        this.sent = sent;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String key = execution.getProcessInstanceId();
        if (sent.sent(key)) {
            log.info("Mail {} was sent already by an earlier run of this job; not sending it again", key);
            return;
        }
        gateway.send(MailVariables.read(execution));
        sent.record(key, Instant.now());
    }
}
