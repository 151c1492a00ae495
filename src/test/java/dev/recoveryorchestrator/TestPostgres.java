package dev.recoveryorchestrator;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * A fresh PostgreSQL database for one test class (CONTRIBUTING.md, "Tests"): Testcontainers when a Docker engine
 * answers, else the server at {@code RECOVERY_TEST_POSTGRES_URL}; with neither the class is skipped, or fails
 * when {@code RECOVERY_TEST_REQUIRE_ALL=true}. Register it as a static field:
 *
 * <pre>
 * &#64;RegisterExtension
 * static final TestPostgres postgres = new TestPostgres();
 * </pre>
 *
 * The database ({@code t_<random>}) is created before the class and dropped with everything in it afterwards;
 * {@link #jdbcUrl()} names it. A database, not a schema in a shared one: Camunda looks for its tables through the
 * JDBC metadata of every schema it can see, so a schema left behind by a killed run would make the next run's engine
 * believe its tables exist and fail on "act_ge_property does not exist".
 */
public final class TestPostgres implements BeforeAllCallback, AfterAllCallback {

    public static final String URL_VARIABLE = "RECOVERY_TEST_POSTGRES_URL";
    public static final String USER_VARIABLE = "RECOVERY_TEST_POSTGRES_USER";
    public static final String PASSWORD_VARIABLE = "RECOVERY_TEST_POSTGRES_PASSWORD";
    public static final String REQUIRE_ALL_VARIABLE = "RECOVERY_TEST_REQUIRE_ALL";
    private static final String IMAGE = "postgres:16-alpine";
    private static final Logger log = LoggerFactory.getLogger(TestPostgres.class);

    private Server server;
    private String database;

    @Override
    public void beforeAll(ExtensionContext context) throws SQLException {
        server = findServer();
        database = "t_" + HexFormat.of().formatHex(randomBytes(6));
        execute("create database " + database);
    }

    @Override
    public void afterAll(ExtensionContext context) throws SQLException {
        if (server != null && database != null) {
            execute("drop database if exists " + database + " with (force)");
        }
    }

    /** The JDBC URL of the fresh database. */
    public String jdbcUrl() {
        return server().url().replaceFirst("^(jdbc:postgresql://[^/?]+/)[^?]*", "$1" + database());
    }

    /** The schema the tables go to in the fresh database. */
    public String schema() {
        database();
        return "public";
    }

    private String database() {
        server();
        return database;
    }

    public String username() {
        return server().username();
    }

    public String password() {
        return server().password();
    }

    /** A data source that opens a new connection to the fresh database each time (no pool to close). */
    public DataSource dataSource() {
        DriverManagerDataSource dataSource = new DriverManagerDataSource(jdbcUrl(), username(), password());
        dataSource.setDriverClassName("org.postgresql.Driver");
        return dataSource;
    }

    private Server server() {
        if (server == null) {
            throw new IllegalStateException("TestPostgres is used before beforeAll: register it as a static "
                    + "@RegisterExtension field");
        }
        return server;
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(server.url(), server.username(), server.password());
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static Server findServer() {
        if (DockerClientFactory.instance().isDockerAvailable()) {
            return Container.SERVER;
        }
        String url = System.getenv(URL_VARIABLE);
        if (url == null || url.isBlank()) {
            return unavailable("No PostgreSQL for this test: no Docker engine answers and " + URL_VARIABLE
                    + " is unset. Start Docker (Testcontainers then runs " + IMAGE + "), or set " + URL_VARIABLE
                    + "=jdbc:postgresql://127.0.0.1:5432/test (user from " + USER_VARIABLE + ", default postgres;"
                    + " password from " + PASSWORD_VARIABLE + ", default none).");
        }
        Server server = new Server(url, env(USER_VARIABLE, "postgres"), env(PASSWORD_VARIABLE, ""));
        try (Connection ignored = DriverManager.getConnection(server.url(), server.username(), server.password())) {
            return server;
        } catch (SQLException e) {
            return unavailable("No PostgreSQL for this test: " + URL_VARIABLE + "=" + url + " does not answer ("
                    + e.getMessage() + "). Start that server, or start Docker for Testcontainers.");
        }
    }

    private static Server unavailable(String message) {
        if (Boolean.parseBoolean(System.getenv(REQUIRE_ALL_VARIABLE))) {
            return Assertions.fail(message + " (" + REQUIRE_ALL_VARIABLE + "=true, so this fails instead of skipping)");
        }
        // Surefire counts a class skipped in beforeAll as "Tests run: 0", without the reason: log it.
        log.warn("Skipping: {} (set {}=true to fail instead)", message, REQUIRE_ALL_VARIABLE);
        return Assumptions.abort(message);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }

    private record Server(String url, String username, String password) {
    }

    /** One container for the whole test run, started on first use; Testcontainers removes it when the JVM ends. */
    private static final class Container {

        static final Server SERVER = start();

        @SuppressWarnings("resource")
        private static Server start() {
            PostgreSQLContainer<?> container = new PostgreSQLContainer<>(DockerImageName.parse(IMAGE));
            container.start();
            return new Server(container.getJdbcUrl(), container.getUsername(), container.getPassword());
        }
    }
}
