package dev.recoveryorchestrator;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.List;

/**
 * One GreenMail SMTP server for the whole test run, on a free loopback port: a real SMTP server that the
 * application sends to, and the tests read from.
 */
public final class TestMail {

    private static final GreenMail SERVER = start();

    private TestMail() {
    }

    private static GreenMail start() {
        GreenMail server = new PromptGreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        return server;
    }

    public static int port() {
        return SERVER.getSmtp().getPort();
    }

    public static void purge() {
        try {
            SERVER.purgeEmailFromAllMailboxes();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every mail received so far, as subject and recipients. */
    public static List<Received> received() {
        return Arrays.stream(SERVER.getReceivedMessages()).map(TestMail::read).distinct().toList();
    }

    private static Received read(MimeMessage message) {
        try {
            List<String> to = Arrays.stream(message.getAllRecipients()).map(Address::toString).sorted().toList();
            return new Received(message.getSubject(), to, message.getContent().toString());
        } catch (MessagingException | java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A received mail. GreenMail stores one copy per recipient; {@link #received()} folds them together. */
    public record Received(String subject, List<String> to, String body) {
    }
}
