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
import java.util.Optional;
import java.util.concurrent.ExecutorService;
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
 * <p>More switches, files in {@code --switch-dir} (the stand-in's folder), show the symptoms of the other failure
 * types, so that each can be watched being detected. Text in a switch file is added to what the stand-in says
 * (answer and log line), as the fault file's is:
 * <ul>
 * <li>{@code db-fault}: {@code /api/predict} answers 500 {@code Database connection failed}, and the log says
 *     {@code Database connection failed: ... Access Driver not found} (Type 2);
 * <li>{@code model-fault}: {@code /api/predict} answers 500 {@code Model not found}, and the log says
 *     {@code Failed to load model} (Type 5);
 * <li>{@code port-conflict}: the log says {@code Port already in use} (Type 4);
 * <li>{@code network-fault}: the second listener, on {@code --host-bind} (127.0.0.2, playing the host's address),
 *     is closed while loopback keeps answering (Type 3);
 * <li>{@code damage-model}: really damages the model: {@code models/latest/model.pkl} is cut to half its size and
 *     the switch file removed (Type 5; {@link DemoModels}).
 * </ul>
 * With {@code --model-dir} it loads {@code latest/model.pkl} at start and on every predict, as Routing ML does: a
 * model that does not load gives {@code /api/predict} 500 {@code Model not found} and the log line
 * {@code Failed to load model}. Its first start seeds the model versions ({@link DemoModels#seed}).
 * While a log switch exists its line is written every {@code --switch-interval-ms}, as a backend that keeps failing.
 *
 * <p>Real data (Type 2): {@code /api/predict} opens the Access database with Jackcess — the file that
 * {@code ACCESS_CONNECTION_STRING}'s {@code Dbq=} in {@code --env-file} names, else {@code --database-file} — reads
 * its {@code routing} table, and on {@code POST} saves the prediction in {@code predictions}. A missing or damaged
 * file (or a wrong {@code Dbq=}) gives a 500 {@code Database connection failed} and that line in the log. With
 * {@code read_only_mode: true} in {@code --predictor-config} predictions are answered without the database and
 * nothing is written. The switch {@code damage-database} overwrites the database's header once (the demo's real
 * damage) and is then removed.
 *
 * <p>Its class path is the orchestrator's (Jackcess and its dependencies), but it uses nothing else of it.
 */
public final class StandinServer {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS");
    private static final int MAX_FAULT_TEXT = 1024 * 1024;
    /** Exit code when the port is taken. */
    static final int BIND_FAILED = 98;
    private final Path logFile;
    private final Path faultFile;
    private final Path switchDir;
    /** Shared by both listeners, so that closing and opening the host address's listener leaves no threads behind. */
    private final ExecutorService handlers = Executors.newFixedThreadPool(4);
    private final String version;
    private Path modelDir;
    private final StandinData data;

    private StandinServer(Path logFile, Path faultFile, Path switchDir, String version, StandinData data) {
        this.logFile = logFile;
        this.faultFile = faultFile;
        this.switchDir = switchDir;
        this.version = version;
        this.data = data;
    }

    public static void main(String[] args) throws IOException {
        // Each answer in one go, as uvicorn sends it (it sets TCP_NODELAY): the JDK server writes the headers and the
        // body separately, and without this the body waits for the client's delayed acknowledgement, about 40 ms a
        // request. Read once by the JDK's server configuration, so set before the first listener is made.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        Map<String, String> options = options(args);
        int port = Integer.parseInt(options.getOrDefault("port", "18000"));
        String bind = options.getOrDefault("bind", "127.0.0.1");
        Path logFile = Path.of(options.getOrDefault("log-file", "backend.log"));
        Path faultFile = options.containsKey("fault-file") ? Path.of(options.get("fault-file")) : null;
        Path switchDir = options.containsKey("switch-dir") ? Path.of(options.get("switch-dir")) : null;
        StandinServer standin = new StandinServer(logFile, faultFile, switchDir, options.getOrDefault("version", "standin"),
                StandinData.of(options));
        if (logFile.toAbsolutePath().getParent() != null) {
            Files.createDirectories(logFile.toAbsolutePath().getParent());
        }
        if (options.containsKey("model-dir")) {
            standin.loadModelsFrom(Path.of(options.get("model-dir")));
        }
        try {
            standin.listen(bind, port).start();
        } catch (java.net.BindException e) {
            // As uvicorn and docker do: say so in the log (the monitor's log-port check reads it) and exit.
            standin.log("ERROR", "Port already in use: " + bind + ":" + port + " (" + e.getMessage() + ")");
            System.exit(BIND_FAILED);
        }
        standin.log("INFO", "Uvicorn running on http://" + bind + ":" + port + " (stand-in, pid "
                + ProcessHandle.current().pid() + ", version " + standin.version + ")");
        watchParent(options.get("parent-pid"), standin);
        if (switchDir != null) {
            long every = Long.parseLong(options.getOrDefault("switch-interval-ms", "500"));
            standin.watchSwitches(options.get("host-bind"), port, every);
        }
    }

    private HttpServer listen(String bind, int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(bind), port), 50);
        server.createContext("/api/health", this::health);
        server.createContext("/api/predict", this::predict);
        server.setExecutor(handlers);
        return server;
    }

    /**
     * Writes the log lines of the log switches that exist, and opens or closes the listener on the host address as
     * {@code network-fault} says, every {@code everyMillis}.
     */
    private void watchSwitches(String hostBind, int port, long everyMillis) {
        HttpServer[] hostListener = new HttpServer[1];
        Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "switch-watch");
            thread.setDaemon(true);
            return thread;
        }).scheduleWithFixedDelay(() -> {
            switchText("db-fault").ifPresent(text -> log("ERROR", "Database connection failed: [Microsoft][ODBC Driver "
                    + "Manager] Access Driver not found" + text));
            switchText("model-fault").ifPresent(text -> log("ERROR", "Failed to load model: "
                    + "deliverables/models/latest/model.pkl" + text));
            switchText("port-conflict").ifPresent(text -> log("ERROR", "Port already in use: 0.0.0.0:8000" + text));
            damageModelOnSwitch();
            damageDatabaseOnSwitch();
            if (hostBind == null) {
                return;
            }
            boolean cut = Files.exists(switchDir.resolve("network-fault"));
            try {
                if (cut && hostListener[0] != null) {
                    hostListener[0].stop(0);
                    hostListener[0] = null;
                    log("INFO", "network-fault: " + hostBind + ":" + port + " closed");
                } else if (!cut && hostListener[0] == null) {
                    hostListener[0] = listen(hostBind, port);
                    hostListener[0].start();
                    log("INFO", "Listening on the host address http://" + hostBind + ":" + port);
                }
            } catch (IOException | RuntimeException e) {
                log("ERROR", "cannot listen on " + hostBind + ":" + port + ": " + e);
            }
        }, 0, everyMillis, TimeUnit.MILLISECONDS);
    }

    /** Seeds the demo's model versions at first start, then loads the model as the service does at start. */
    private void loadModelsFrom(Path dir) throws IOException {
        modelDir = dir;
        // the supervisor starts this JVM in recovery.time-zone (-Duser.timezone): today is the orchestrator's today
        DemoModels.seed(dir, dir.resolveSibling("data").resolve("training_dataset.csv"), java.time.LocalDate.now());
        modelProblem().ifPresentOrElse(why -> log("ERROR", "Failed to load model: " + DemoModels.LATEST_MODEL + " (" + why + ")"),
                () -> log("INFO", "Model loaded: " + DemoModels.LATEST_MODEL));
    }

    /** Why {@code latest/model.pkl} does not load; empty when it does or no model folder is given. */
    private Optional<String> modelProblem() {
        return modelDir == null ? Optional.empty() : DemoModels.loadProblem(modelDir.resolve(DemoModels.LATEST_MODEL));
    }

    /** The {@code damage-model} switch: damages the real model file once, then removes itself. */
    private void damageModelOnSwitch() {
        if (switchDir == null || modelDir == null || !Files.exists(switchDir.resolve("damage-model"))) {
            return;
        }
        try {
            DemoModels.truncate(modelDir.resolve(DemoModels.LATEST_MODEL));
            log("INFO", "damage-model: " + DemoModels.LATEST_MODEL + " truncated to half its size");
        } catch (IOException e) {
            log("ERROR", "damage-model: cannot truncate " + DemoModels.LATEST_MODEL + ": " + e);
        }
        try {
            Files.deleteIfExists(switchDir.resolve("damage-model"));
        } catch (IOException e) {
            log("ERROR", "damage-model: cannot remove the switch: " + e);
        }
    }

    /** The text a switch adds (": " and its content), or empty when the switch is off. */
    private Optional<String> switchText(String name) {
        if (switchDir == null) {
            return Optional.empty();
        }
        Path file = switchDir.resolve(name);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try (InputStream in = Files.newInputStream(file)) {
            String text = new String(in.readNBytes(MAX_FAULT_TEXT), StandardCharsets.UTF_8);
            return Optional.of(text.isEmpty() ? "" : " (" + text + ")");
        } catch (IOException e) {
            return Optional.empty(); // removed between the check and the read: the switch is off
        }
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
        Optional<String> model = switchText("model-fault");
        if (model.isPresent()) {
            log("ERROR", exchange.getRequestMethod() + " /api/predict 500 Model not found" + model.get());
            respond(exchange, 500, "text/plain; charset=utf-8",
                    ("{\"detail\":\"Model not found: latest/model.pkl\"}" + model.get()).getBytes(StandardCharsets.UTF_8));
            return;
        }
        Optional<String> unloadable = modelProblem();
        if (unloadable.isPresent()) {
            log("ERROR", "Failed to load model: " + DemoModels.LATEST_MODEL + " (" + unloadable.get() + ")");
            log("ERROR", exchange.getRequestMethod() + " /api/predict 500 Model not found");
            respond(exchange, 500, "{\"detail\":\"Model not found: " + DemoModels.LATEST_MODEL + "\"}");
            return;
        }
        Optional<String> database = switchText("db-fault");
        if (database.isPresent()) {
            log("ERROR", exchange.getRequestMethod() + " /api/predict 500 Database connection failed" + database.get());
            respond(exchange, 500, "text/plain; charset=utf-8",
                    ("{\"detail\":\"Database connection failed\"}" + database.get()).getBytes(StandardCharsets.UTF_8));
            return;
        }
        if (data == null) {
            log("INFO", exchange.getRequestMethod() + " /api/predict 200");
            respond(exchange, 200, "{\"routing\":[\"stand-in\"],\"model\":\"latest\",\"version\":\"" + version + "\"}");
            return;
        }
        StandinData.Answer answer = data.predict("POST".equals(exchange.getRequestMethod()));
        if (!answer.ok()) {
            log("ERROR", "Database connection failed: " + answer.detail());
            respond(exchange, 500, "{\"detail\":\"Database connection failed\"}");
            return;
        }
        log("INFO", exchange.getRequestMethod() + " /api/predict 200" + (answer.readOnly() ? " (read_only_mode)" : ""));
        respond(exchange, 200, "{\"routing\":[\"stand-in\"],\"model\":\"latest\",\"version\":\"" + version
                + "\",\"read_only\":" + answer.readOnly() + ",\"items\":" + answer.items() + "}");
    }

    /** The demo's real damage: {@code damage-database} overwrites the database file's header, then is removed. */
    private void damageDatabaseOnSwitch() {
        if (switchDir == null || data == null || !Files.exists(switchDir.resolve("damage-database"))) {
            return;
        }
        try {
            data.damage();
            log("INFO", "damage-database: header of " + data.databaseFile() + " overwritten");
        } catch (IOException e) {
            log("ERROR", "damage-database: " + e);
        }
        try {
            Files.deleteIfExists(switchDir.resolve("damage-database"));
        } catch (IOException e) {
            log("ERROR", "damage-database: cannot remove the switch: " + e);
        }
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
