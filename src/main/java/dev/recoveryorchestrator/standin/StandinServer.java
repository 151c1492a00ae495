package dev.recoveryorchestrator.standin;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The stand-in Routing ML backend: a separate OS process that answers like the real uvicorn server
 * ({@code GET /api/health} → {@code {"status":"ok","version":...}}, {@code /api/predict}) and writes a log. The
 * demo and the tests kill it and watch the orchestrator bring it back.
 *
 * <p>Fault injection for demos and tests: while the file given by {@code --fault-file} exists, health answers
 * 503 and an ERROR line is logged, as a backend that starts but cannot serve. What the file holds is what the
 * broken backend says: its bytes are the body of the 503 (an empty file gives a JSON error), so a demo or a test
 * can make the target answer with anything, hostile text included.
 *
 * <p>Only JDK classes here: it runs with nothing on its class path but this class.
 */
public final class StandinServer {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS");
    private static final int MAX_FAULT_TEXT = 1024 * 1024;
    private final Path logFile;
    private final Path faultFile;
    private final String version;

    private StandinServer(Path logFile, Path faultFile, String version) {
        this.logFile = logFile;
        this.faultFile = faultFile;
        this.version = version;
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> options = options(args);
        int port = Integer.parseInt(options.getOrDefault("port", "18000"));
        String bind = options.getOrDefault("bind", "127.0.0.1");
        Path logFile = Path.of(options.getOrDefault("log-file", "backend.log"));
        Path faultFile = options.containsKey("fault-file") ? Path.of(options.get("fault-file")) : null;
        StandinServer standin = new StandinServer(logFile, faultFile, options.getOrDefault("version", "standin"));
        if (logFile.toAbsolutePath().getParent() != null) {
            Files.createDirectories(logFile.toAbsolutePath().getParent());
        }
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(bind), port), 50);
        server.createContext("/api/health", standin::health);
        server.createContext("/api/predict", standin::predict);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
        standin.log("INFO", "Uvicorn running on http://" + bind + ":" + port + " (stand-in, pid "
                + ProcessHandle.current().pid() + ", version " + standin.version + ")");
        watchParent(options.get("parent-pid"), standin);
    }

    /** Ends this process when the orchestrator that started it is gone, so no stand-in is left holding the port. */
    private static void watchParent(String parentPid, StandinServer standin) {
        if (parentPid == null) {
            return;
        }
        long pid = Long.parseLong(parentPid);
        Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "parent-watch");
            thread.setDaemon(true);
            return thread;
        }).scheduleWithFixedDelay(() -> {
            if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                return;
            }
            standin.log("INFO", "Orchestrator (pid " + pid + ") is gone; shutting down");
            Runtime.getRuntime().halt(0);
        }, 1, 1, TimeUnit.SECONDS);
    }

    private void health(HttpExchange exchange) throws IOException {
        if (faultFile != null && Files.exists(faultFile)) {
            log("ERROR", "Failed to serve /api/health: injected fault (" + faultFile + ")");
            byte[] says = faultText();
            if (says.length == 0) {
                respond(exchange, 503, "{\"status\":\"error\",\"detail\":\"injected fault\"}");
            } else {
                respond(exchange, 503, "text/plain; charset=utf-8", says);
            }
            return;
        }
        log("INFO", "GET /api/health 200");
        respond(exchange, 200, "{\"status\":\"ok\",\"version\":\"" + version + "\"}");
    }

    private void predict(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        log("INFO", exchange.getRequestMethod() + " /api/predict 200");
        respond(exchange, 200, "{\"routing\":[\"stand-in\"],\"model\":\"latest\",\"version\":\"" + version + "\"}");
    }

    /** What the broken backend says: the fault file's bytes, as they are, up to {@value #MAX_FAULT_TEXT}. */
    private byte[] faultText() {
        try (InputStream in = Files.newInputStream(faultFile)) {
            return in.readNBytes(MAX_FAULT_TEXT);
        } catch (IOException e) {
            return new byte[0]; // removed between the check and the read: the default answer will do
        }
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        respond(exchange, status, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    private static void respond(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private synchronized void log(String level, String message) {
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(logFile, StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND))) {
            out.println(TIME.format(LocalDateTime.now()) + " " + level + " backend.run_api: " + message);
        } catch (IOException e) {
            System.err.println("cannot write " + logFile + ": " + e.getMessage());
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --name value pairs, got " + args[i]);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }
}
