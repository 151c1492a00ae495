package dev.recoveryorchestrator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * What every application test context gets: its own in-memory database, mail to the GreenMail server, and the
 * stand-in backend on a free loopback port with its files in a temporary folder.
 */
public final class TestEnvironment {

    private TestEnvironment() {
    }

    public static void register(DynamicPropertyRegistry registry, String database, Path work, int standinPort) {
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:" + database + ";DB_CLOSE_DELAY=-1");
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", TestMail::port);
        registry.add("recovery.standin.port", () -> standinPort);
        registry.add("recovery.standin.dir", () -> work.resolve("standin").toString());
        registry.add("recovery.lifecycle.snapshot-dir", () -> work.resolve("snapshots").toString());
        registry.add("recovery.background-work.dir", () -> work.resolve("background-work").toString());
        registry.add("recovery.reports-dir", () -> work.resolve("incident_reports").toString());
        // The fake docker and firewall record every call, and tests assert on them: the preflight runs when a test
        // asks for it (preflight/PreflightApiTest), not at start.
        registry.add("recovery.preflight.on-start", () -> "false");
    }

    public static Path tempFolder(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
