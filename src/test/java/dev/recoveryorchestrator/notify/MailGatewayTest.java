package dev.recoveryorchestrator.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.recoveryorchestrator.TestMail;
import dev.recoveryorchestrator.TestMail.Received;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * Mail out of the gateway: to GreenMail over SMTP, or, with no SMTP host configured (the demo), to the log instead of
 * being lost. Whatever the mail instance's variables hold, the subject is one line and recipients are plain addresses.
 */
@ExtendWith(OutputCaptureExtension.class)
class MailGatewayTest {

    private static final NotifySettings SETTINGS =
            new NotifySettings("orchestrator@routing-ml.test", List.of(), URI.create("http://127.0.0.1:8080"),
                    List.of("mail"), java.util.Map.of());

    @BeforeEach
    void emptyMailbox() {
        TestMail.purge();
    }

    @Test
    void writesTheMailToTheLogWhenNoSmtpHostIsConfigured(CapturedOutput output) {
        MailGateway gateway = new MailGateway(new StaticListableBeanFactory().getBeanProvider(JavaMailSender.class),
                SETTINGS, new io.micrometer.core.instrument.simple.SimpleMeterRegistry());

        gateway.send(new OutgoingMail(new String[] {"users@routing-ml.test"}, "[장애 발생] 로그로",
                "본문 내용\r\n2026-01-01 00:00:00 ERROR forged line"));

        assertThat(output.getOut()).contains("no SMTP host configured", "users@routing-ml.test", "[장애 발생] 로그로",
                "| 본문 내용\n| 2026-01-01 00:00:00 ERROR forged line");
        assertThat(output.getOut()).doesNotContain("\n2026-01-01 00:00:00 ERROR forged line");
    }

    @Test
    void aSubjectWithLineBreaksGoesOutAsOneLineAndAddsNoHeader() {
        String body = "내용: ${x} #{x} {0} %s $(id) \\ $\r\nBcc: body@example.com\nline\rend";

        smtp().send(new OutgoingMail(new String[] {"users@routing-ml.test"},
                "[장애 발생] routing-ml\r\nBcc: evil@example.com\r\n\r\nfake\0", body));

        List<Received> received = TestMail.received();
        assertThat(received).hasSize(1);
        assertThat(received.get(0).subject()).isEqualTo("[장애 발생] routing-ml Bcc: evil@example.com fake");
        assertThat(received.get(0).to()).containsExactly("users@routing-ml.test");
        // SMTP carries every line break as CRLF; apart from that the body is what was sent.
        assertThat(lineEnds(received.get(0).body())).isEqualTo(lineEnds(body));
    }

    @Test
    void refusesAnInvalidRecipientAndSendsNothing() {
        MailGateway gateway = smtp();

        assertThatThrownBy(() -> gateway.send(new OutgoingMail(
                new String[] {"users@routing-ml.test", "evil@example.com\r\nBcc: more@example.com"}, "제목", "본문")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("invalid recipient");
        assertThat(TestMail.received()).isEmpty();
    }

    private static String lineEnds(String text) {
        return text.replaceAll("\r\n|\r", "\n");
    }

    private static MailGateway smtp() {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost("127.0.0.1");
        sender.setPort(TestMail.port());
        sender.setDefaultEncoding("UTF-8");
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        beans.addBean("mailSender", sender);
        return new MailGateway(beans.getBeanProvider(JavaMailSender.class), SETTINGS,
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
    }
}
