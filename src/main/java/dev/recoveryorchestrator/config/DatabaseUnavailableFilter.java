package dev.recoveryorchestrator.config;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.EOFException;
import java.io.IOException;
import java.net.SocketException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * While the database is unreachable a request cannot be served, and nothing of it was stored: it is answered
 * {@code 503 Service Unavailable} with {@code Retry-After}, so that a client (Alertmanager, Grafana, a script) sends it
 * again, instead of a {@code 500} that says nothing about when to try. It sits before every other filter, so the
 * logins (checked against the database) are covered too.
 * <p>
 * A failure counts as "database unreachable" when its causes say so ({@link #connectionFailure}): SQL state class
 * {@code 08} (connection exception: refused, broken, closed), the pool's {@link SQLTransientConnectionException}
 * (no connection within {@code spring.datasource.hikari.connection-timeout}), a connection the pool found closed, a
 * broken socket. Anything else goes on as before.
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
            Throwable cause = connectionFailure(e);
            if (cause == null || response.isCommitted()) {
                throw e;
            }
            log.warn("{} {} answered 503: the database is unreachable ({})", request.getMethod(), request.getRequestURI(),
                    cause.toString());
            response.resetBuffer();
            response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(RETRY_AFTER.toSeconds()));
            FilterProblems.write(response, FilterProblems.problem(HttpServletResponse.SC_SERVICE_UNAVAILABLE,
                    "Service Unavailable", "The database is unreachable: nothing was stored. Send the request again after "
                    + RETRY_AFTER.toSeconds() + " seconds."));
        }
    }

    /**
     * The exception among the causes (and suppressed exceptions, and a failed rollback's original exception) that says
     * the database cannot be reached, or null: SQL state class 08, the pool's timeout, the pool's "Connection is closed"
     * (a connection it has just found broken), or a broken socket beneath a SQLException.
     */
    static Throwable connectionFailure(Throwable thrown) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        Deque<Throwable> todo = new ArrayDeque<>();
        todo.add(thrown);
        boolean underSql = false;
        while (!todo.isEmpty()) {
            Throwable next = todo.poll();
            if (seen.put(next, Boolean.TRUE) != null) {
                continue;
            }
            if (next instanceof SQLTransientConnectionException) {
                return next;
            }
            if (next instanceof SQLException sql) {
                underSql = true;
                if (sql.getSQLState() != null && sql.getSQLState().startsWith("08")
                        || "Connection is closed".equals(sql.getMessage())) {
                    return sql;
                }
            }
            if (underSql && (next instanceof SocketException || next instanceof EOFException)) {
                return next;
            }
            List<Throwable> related = new ArrayList<>(Arrays.asList(next.getSuppressed()));
            related.add(next.getCause());
            if (next instanceof TransactionSystemException failedRollback) {
                related.add(failedRollback.getApplicationException());
            }
            related.stream().filter(Objects::nonNull).forEach(todo::add);
        }
        return null;
    }
}
