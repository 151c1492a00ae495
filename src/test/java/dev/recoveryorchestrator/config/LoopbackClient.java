package dev.recoveryorchestrator.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * HTTP/1.1 spoken by hand over a socket whose local end is bound to a chosen loopback address (127.0.0.0/8 all
 * reaches this machine), so that a test can be a different client address from the others. It keeps the cookies it
 * is given and, like the Camunda webapps' scripts, returns the CSRF token from the {@code X-XSRF-TOKEN} response
 * header on requests that change something. One connection per request ({@code Connection: close}).
 */
final class LoopbackClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final InetAddress local;
    private final int port;
    private final Map<String, String> cookies = new LinkedHashMap<>();
    private String csrfToken;
    private String authorization;

    private LoopbackClient(InetAddress local, int port, String authorization) {
        this.local = local;
        this.port = port;
        this.authorization = authorization;
    }

    /** A client whose requests come from {@code localAddress}, e.g. {@code 127.0.0.7}. */
    static LoopbackClient from(String localAddress, int port) {
        try {
            InetAddress address = InetAddress.getByName(localAddress);
            if (!address.isLoopbackAddress()) {
                throw new IllegalArgumentException("tests speak to loopback only: " + localAddress);
            }
            return new LoopbackClient(address, port, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The same client address, with HTTP Basic for {@code user}. */
    LoopbackClient as(String user, String password) {
        String token = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return new LoopbackClient(local, port, "Basic " + token);
    }

    Reply get(String path) {
        return send("GET", path, Map.of(), null, null);
    }

    Reply post(String path, String json) {
        return send("POST", path, Map.of("Accept", "application/json"), "application/json", json);
    }

    Reply post(String path, Map<String, String> headers, String json) {
        return send("POST", path, headers, "application/json", json);
    }

    /**
     * Logs in to a Camunda webapp with its login form, as the webapp's own page does: a first request hands out
     * the session and the CSRF token, and after the login (which starts a new session) the next one hands out the
     * new session's token.
     */
    Reply loginToWebapp(String app, String user, String password) {
        get("/camunda/app/" + app + "/");
        String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
        Reply login = send("POST", "/camunda/api/admin/auth/user/default/login/" + app,
                Map.of("Accept", "application/json"), "application/x-www-form-urlencoded", form);
        get("/camunda/api/admin/auth/user/default");
        return login;
    }

    Reply send(String method, String path, Map<String, String> headers, String contentType, String body) {
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        StringBuilder request = new StringBuilder()
                .append(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                .append("Host: 127.0.0.1:").append(port).append("\r\n")
                .append("Connection: close\r\n");
        if (authorization != null) {
            request.append("Authorization: ").append(authorization).append("\r\n");
        }
        if (!cookies.isEmpty()) {
            request.append("Cookie: ").append(cookies.entrySet().stream()
                    .map(cookie -> cookie.getKey() + "=" + cookie.getValue()).collect(Collectors.joining("; ")))
                    .append("\r\n");
        }
        if (csrfToken != null && !method.equals("GET")) {
            request.append("X-XSRF-TOKEN: ").append(csrfToken).append("\r\n");
        }
        headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
        if (body != null) {
            request.append("Content-Type: ").append(contentType).append("; charset=UTF-8\r\n")
                    .append("Content-Length: ").append(content.length).append("\r\n");
        }
        request.append("\r\n");
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(local, 0));
            socket.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 10_000);
            socket.setSoTimeout(60_000);
            socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().write(content);
            socket.getOutputStream().flush();
            Reply reply = read(socket.getInputStream());
            remember(reply);
            return reply;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void remember(Reply reply) {
        for (String cookie : reply.headers().getOrDefault("set-cookie", List.of())) {
            String pair = cookie.split(";", 2)[0];
            int equals = pair.indexOf('=');
            cookies.put(pair.substring(0, equals).trim(), pair.substring(equals + 1).trim());
        }
        String token = reply.header("x-xsrf-token");
        if (token != null && !token.equalsIgnoreCase("Required")) {
            csrfToken = token;
        }
    }

    private static Reply read(InputStream in) throws IOException {
        String statusLine = line(in);
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String line = line(in); !line.isEmpty(); line = line(in)) {
            int colon = line.indexOf(':');
            headers.computeIfAbsent(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), name -> new ArrayList<>())
                    .add(line.substring(colon + 1).trim());
        }
        byte[] body;
        if ("chunked".equalsIgnoreCase(first(headers, "transfer-encoding"))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (int size = Integer.parseInt(line(in).split(";")[0].trim(), 16); size > 0;
                    size = Integer.parseInt(line(in).split(";")[0].trim(), 16)) {
                out.write(in.readNBytes(size));
                line(in);
            }
            body = out.toByteArray();
        } else if (first(headers, "content-length") != null) {
            body = in.readNBytes(Integer.parseInt(first(headers, "content-length")));
        } else {
            body = in.readAllBytes();
        }
        return new Reply(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("connection closed in the middle of a line");
            }
            if (c != '\r') {
                line.write(c);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    private static String first(Map<String, List<String>> headers, String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** A response: status, headers by lower-case name, body. */
    record Reply(int status, Map<String, List<String>> headers, String body) {

        String header(String name) {
            return first(headers, name.toLowerCase(Locale.ROOT));
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }
}
