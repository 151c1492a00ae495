package dev.recoveryorchestrator.config;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * A node started while its database is unreachable waits for it instead of exiting: before the context (Flyway, the
 * engine) starts, it tries to connect every {@code recovery.database.start-retry-interval} until the database answers,
 * and says each time in its log why it waits. Meanwhile its port answers the probes itself: readiness and health
 * {@code 503 DOWN} with the reason, liveness {@code 200 UP} (it is alive, waiting), anything else {@code 503} with
 * {@code Retry-After}. Once the database answers, that listener is closed and the application starts as usual.
 * <p>
 * Embedded databases (H2, the demo's and the tests') are never waited for. Registered by
 * {@code RecoveryOrchestratorApplication.main}, the production entry.
 */
public final class DatabaseWait implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

    static final String INTERVAL_PROPERTY = "recovery.database.start-retry-interval";
    private static final Logger log = LoggerFactory.getLogger(DatabaseWait.class);

    /** After logging is set up (so the reasons reach the log) and after {@link StartupGuard}'s refusals. */
    @Override
    public int getOrder() {
        return LoggingApplicationListener.DEFAULT_ORDER + 2;
    }

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        ConfigurableEnvironment environment = event.getEnvironment();
        String url = environment.getProperty("spring.datasource.url");
        if (url == null || url.isBlank() || url.startsWith("jdbc:h2:")) {
            return;
        }
        Duration interval = environment.getProperty(INTERVAL_PROPERTY, Duration.class, Duration.ofSeconds(5));
        Properties login = new Properties();
        putIfSet(login, "user", environment.getProperty("spring.datasource.username"));
        putIfSet(login, "password", environment.getProperty("spring.datasource.password"));
        login.setProperty("loginTimeout", String.valueOf(Math.max(1, interval.toSeconds())));
        String where = withoutParameters(url);
        String reason = tryConnect(url, login);
        if (reason == null) {
            return;
        }
        HttpServer probes = probes(environment, where);
        try {
            int attempt = 1;
            while (reason != null) {
                log.warn("Waiting for the database at {} (attempt {}): {}. Nothing starts until it answers; readiness is "
                        + "DOWN meanwhile. Trying again in {}.", where, attempt, reason, interval);
                try {
                    Thread.sleep(interval.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted while waiting for the database at " + where, e);
                }
                attempt++;
                reason = tryConnect(url, login);
            }
            log.info("The database at {} answers after {} attempts: starting", where, attempt);
        } finally {
            if (probes != null) {
                probes.stop(0);
            }
        }
    }

    /** Null when a connection opened, else why not. */
    static String tryConnect(String url, Properties login) {
        try {
            Driver driver = DriverManager.getDriver(url);
            try (Connection connection = driver.connect(url, login)) {
                return connection == null ? "no JDBC driver accepts " + withoutParameters(url) : null;
            }
        } catch (SQLException e) {
            return e.getMessage() + (e.getSQLState() == null ? "" : " (SQL state " + e.getSQLState() + ")");
        }
    }

    /** The URL up to its parameters, which may hold a password. */
    static String withoutParameters(String url) {
        int query = url.indexOf('?');
        String bare = query < 0 ? url : url.substring(0, query);
        int semicolon = bare.indexOf(';');
        return semicolon < 0 ? bare : bare.substring(0, semicolon);
    }

    private static void putIfSet(Properties properties, String key, String value) {
        if (value != null) {
            properties.setProperty(key, value);
        }
    }

    /** The probes' answers on the application's port while it waits; null when there is no fixed port. */
    private static HttpServer probes(ConfigurableEnvironment environment, String where) {
        int port = environment.getProperty("server.port", Integer.class, 8080);
        if (port <= 0) {
            return null;
        }
        String address = environment.getProperty("server.address", "0.0.0.0");
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(address), port), 10);
            byte[] down = ("{\"status\":\"DOWN\",\"details\":{\"database\":\"waiting for the database at " + where
                    .replace("\\", "\\\\").replace("\"", "\\\"") + "\"}}").getBytes(StandardCharsets.UTF_8);
            byte[] up = "{\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8);
            server.createContext("/", exchange -> {
                String path = exchange.getRequestURI().getPath();
                boolean liveness = path.equals("/actuator/health/liveness");
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                if (!liveness) {
                    exchange.getResponseHeaders().set("Retry-After", String.valueOf(DatabaseUnavailableFilter.RETRY_AFTER
                            .toSeconds()));
                }
                byte[] body = liveness ? up : down;
                exchange.sendResponseHeaders(liveness ? 200 : 503, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
            return server;
        } catch (IOException e) {
            log.warn("Cannot answer the probes on port {} while waiting for the database: {}", port, e.toString());
            return null;
        }
    }
}
