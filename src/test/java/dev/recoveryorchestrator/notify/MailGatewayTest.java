package dev.recoveryorchestrator.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mail.javamail.JavaMailSender;

/** With no SMTP host configured (the demo) a mail is written to the log instead of being lost. */
@ExtendWith(OutputCaptureExtension.class)
class MailGatewayTest {

    @Test
    void writesTheMailToTheLogWhenNoSmtpHostIsConfigured(CapturedOutput output) {
        MailGateway gateway = new MailGateway(new StaticListableBeanFactory().getBeanProvider(JavaMailSender.class),
                new NotifySettings("orchestrator@routing-ml.test", List.of(), URI.create("http://127.0.0.1:8080")));

        gateway.send(new OutgoingMail(new String[] {"users@routing-ml.test"}, "[장애 발생] 로그로", "본문 내용"));

        assertThat(output.getOut()).contains("no SMTP host configured", "users@routing-ml.test", "[장애 발생] 로그로", "본문 내용");
    }
}
