package dev.recoveryorchestrator.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import jakarta.servlet.ServletException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * A request that fails because the database is unreachable gets 503 with Retry-After; any other failure passes
 * through unchanged.
 */
class DatabaseUnavailableFilterTest {

    @Test
    void aRequestThatCannotGetAConnectionGets503WithRetryAfter() throws Exception {
        RuntimeException noConnection = new CannotCreateTransactionException("Could not open JDBC Connection",
                new SQLTransientConnectionException("HikariPool-1 - Connection is not available, request timed out after 5000ms",
                        "08001", new SQLException("Connection to 127.0.0.1:5432 refused", "08001")));
        MockHttpServletResponse response = run(noConnection);

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeader("Retry-After")).isEqualTo("10");
        assertThat(response.getContentType()).isEqualTo("application/problem+json");
        assertThat(response.getContentAsString()).contains("\"status\":503", "database is unreachable")
                .doesNotContain("5432", "Hikari");
    }

    @Test
    void aBrokenConnectionInsideTheEngineCountsAsUnreachable() throws Exception {
        RuntimeException broken = new IllegalStateException("engine", new ServletException("wrapped",
                new SQLException("An I/O error occurred while sending to the backend.", "08006")));

        assertThat(run(broken).getStatus()).isEqualTo(503);
    }

    /** As the engine reported it when the relay was cut: the rollback failed on the closed connection. */
    @Test
    void aFailedRollbackOnAClosedConnectionCountsAsUnreachable() throws Exception {
        org.springframework.transaction.TransactionSystemException rollback =
                new org.springframework.transaction.TransactionSystemException("JDBC rollback failed",
                        new SQLException("Connection is closed"));
        rollback.initApplicationException(new SQLException("An I/O error occurred while sending to the backend.", "08006",
                new java.net.SocketException("Broken pipe")));
        RuntimeException engine = new IllegalStateException("An exception occurred in the persistence layer", rollback);

        assertThat(run(engine).getStatus()).isEqualTo(503);
    }

    @Test
    void otherDatabaseFailuresPassThrough() {
        RuntimeException duplicate = new DataIntegrityViolationException("duplicate key",
                new SQLException("duplicate key value violates unique constraint", "23505"));

        assertThat(catchThrowable(() -> run(duplicate))).isSameAs(duplicate);
        RuntimeException plain = new IllegalStateException("no database involved");
        assertThat(catchThrowable(() -> run(plain))).isSameAs(plain);
    }

    private static MockHttpServletResponse run(RuntimeException thrown) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/incidents");
        MockHttpServletResponse response = new MockHttpServletResponse();
        new DatabaseUnavailableFilter().doFilter(request, response, new MockFilterChain() {
            @Override
            public void doFilter(jakarta.servlet.ServletRequest req, jakarta.servlet.ServletResponse res) {
                throw thrown;
            }
        });
        return response;
    }
}
