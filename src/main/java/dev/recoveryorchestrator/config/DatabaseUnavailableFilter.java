package dev.recoveryorchestrator.config;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.IdentityHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * While the database is unreachable a request cannot be served, and nothing of it was stored: it is answered
 * {@code 503 Service Unavailable} with {@code Retry-After}, so that a client (Alertmanager, Grafana, a script) sends it
 * again, instead of a {@code 500} that says nothing about when to try. It sits before every other filter, so the
 * logins (checked against the database) are covered too.
 * <p>
 * A failure counts as "database unreachable" when a {@link SQLException} in its causes says so: SQL state class
 * {@code 08} (connection exception: refused, broken, closed) or the pool's {@link SQLTransientConnectionException}
 * (no connection within {@code spring.datasource.hikari.connection-timeout}). Anything else goes on as before.
 */
class DatabaseUnavailableFilter extends OncePerRequestFilter {

    /** How long a client is asked to wait: about one connection timeout, the time a retry needs to tell. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(10);
    private static final Logger log = LoggerFactory.getLogger(DatabaseUnavailableFilter.class);

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (ServletException | RuntimeException e) {
            SQLException cause = connectionFailure(e);
            if (cause == null || response.isCommitted()) {
                throw e;
            }
            log.warn("{} {} answered 503: the database is unreachable ({})", request.getMethod(), request.getRequestURI(),
                    cause.toString());
            response.resetBuffer();
            response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(RETRY_AFTER.toSeconds()));
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.getOutputStream().write(("{\"type\":\"about:blank\",\"title\":\"Service Unavailable\",\"status\":503,"
                    + "\"detail\":\"The database is unreachable: nothing was stored. Send the request again after "
                    + RETRY_AFTER.toSeconds() + " seconds.\"}").getBytes(StandardCharsets.UTF_8));
        }
    }

    /** The SQLException among the causes that says the database cannot be reached, or null. */
    static SQLException connectionFailure(Throwable thrown) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable cause = thrown; cause != null && seen.put(cause, Boolean.TRUE) == null; cause = cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException sql) {
                return sql;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
                return sql;
            }
        }
        return null;
    }
}
