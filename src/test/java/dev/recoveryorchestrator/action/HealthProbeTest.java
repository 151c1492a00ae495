package dev.recoveryorchestrator.action;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recoveryorchestrator.action.HealthProbe.Health;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The health probe against a small real HTTP server on loopback that reads each request head itself, answers the way
 * a test says, and keeps what it was sent.
 */
class HealthProbeTest {

    private final HealthProbe probe = new HealthProbe();
    private LoopbackServer server;

    @AfterEach
    void stopServer() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void speaksPlainHttp11AndNeverAsksToUpgradeToH2c() throws IOException {
        // Like the uvicorn builds that refuse the upgrade: a request asking for h2c gets 400.
        server = LoopbackServer.answering(head -> header(head, "upgrade") != null
                ? response(400, "text/plain", "Unsupported upgrade request.")
                : response(200, "application/json", "{\"status\":\"ok\",\"version\":\"1.2.3\"}"));

        Health health = probe.check(server.url("/api/health"), Duration.ofSeconds(2));

        assertThat(health.healthy()).as(health.detail()).isTrue();
        assertThat(health.detail()).isEqualTo("HTTP 200 {\"status\":\"ok\",\"version\":\"1.2.3\"}");
        assertThat(server.heads).hasSize(1);
        String head = server.heads.get(0);
        assertThat(head).startsWith("GET /api/health HTTP/1.1\r\n");
        assertThat(header(head, "upgrade")).isNull();
        assertThat(header(head, "http2-settings")).isNull();
        assertThat(header(head, "connection")).as("Connection header").satisfiesAnyOf(
                value -> assertThat(value).isNull(),
                value -> assertThat(value.toLowerCase(Locale.ROOT)).doesNotContain("upgrade"));
    }

    @Test
    void aHostileAnswerBecomesOneShortLineOfText() throws IOException {
        String hostile = "응답 없음 ${x} #{x} {0} %s $(id)\r\nX-Injected: yes\0\u0007" + "y".repeat(1024 * 1024);
        server = LoopbackServer.answering(head -> response(503, "text/plain; charset=utf-8", hostile));

        Health health = probe.check(server.url("/api/health"), Duration.ofSeconds(2));

        assertThat(health.healthy()).isFalse();
        assertThat(health.detail()).startsWith("HTTP 503 응답 없음 ${x} #{x} {0} %s $(id) X-Injected: yes y")
                .doesNotContain("\r", "\n", "\0", "\u0007")
                .hasSizeLessThanOrEqualTo("HTTP 503 ".length() + HealthProbe.MAX_DETAIL + 1)
                .endsWith("…");
    }

    @Test
    void aStatusOkBodyWithAnErrorStatusIsNotHealthy() throws IOException {
        server = LoopbackServer.answering(head -> response(500, "application/json", "{\"status\":\"ok\"}"));

        assertThat(probe.check(server.url("/api/health"), Duration.ofSeconds(2)).healthy()).isFalse();
    }

    @Test
    void anAnswerWhoseBodyNeverEndsCountsAsNoAnswer() throws IOException {
        byte[] head = ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"status\":\"ok\"")
                .getBytes(StandardCharsets.US_ASCII);
        server = LoopbackServer.answering(request -> head, true);

        Health health = probe.check(server.url("/api/health"), Duration.ofMillis(500));

        assertThat(health.healthy()).isFalse();
        assertThat(health.detail()).startsWith("no answer within");
    }

    private static byte[] response(int status, String contentType, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 " + status + " X\r\nContent-Type: " + contentType + "\r\nContent-Length: " + bytes.length
                + "\r\nConnection: close\r\n\r\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(bytes);
        return out.toByteArray();
    }

    /** The value of a request header, or null. */
    private static String header(String head, String name) {
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        return null;
    }

    /** One connection at a time: reads the request head, records it, writes the answer. */
    private static final class LoopbackServer implements AutoCloseable {

        final List<String> heads = new CopyOnWriteArrayList<>();
        private final ServerSocket socket;
        private final List<Socket> stalled = new CopyOnWriteArrayList<>();

        private LoopbackServer(Function<String, byte[]> answer, boolean stall) throws IOException {
            socket = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
            Thread thread = new Thread(() -> serve(answer, stall), "loopback-http");
            thread.setDaemon(true);
            thread.start();
        }

        static LoopbackServer answering(Function<String, byte[]> answer) throws IOException {
            return new LoopbackServer(answer, false);
        }

        static LoopbackServer answering(Function<String, byte[]> answer, boolean stall) throws IOException {
            return new LoopbackServer(answer, stall);
        }

        URI url(String path) {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort() + path);
        }

        private void serve(Function<String, byte[]> answer, boolean stall) {
            while (!socket.isClosed()) {
                try {
                    Socket connection = socket.accept();
                    String head = readHead(connection.getInputStream());
                    heads.add(head);
                    OutputStream out = connection.getOutputStream();
                    out.write(answer.apply(head));
                    out.flush();
                    if (stall) {
                        stalled.add(connection); // keep it open, send nothing more
                    } else {
                        connection.close();
                    }
                } catch (IOException e) {
                    return; // closed
                }
            }
        }

        private static String readHead(InputStream in) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int matched = 0;
            byte[] end = {'\r', '\n', '\r', '\n'};
            for (int b = in.read(); b >= 0; b = in.read()) {
                head.write(b);
                matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
                if (matched == end.length) {
                    break;
                }
            }
            return head.toString(StandardCharsets.ISO_8859_1);
        }

        @Override
        public void close() throws IOException {
            socket.close();
            for (Socket connection : stalled) {
                connection.close();
            }
        }
    }
}
