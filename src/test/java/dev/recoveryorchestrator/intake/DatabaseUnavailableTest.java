package dev.recoveryorchestrator.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/** Which failures mean "the database is not there now" (503, the sender retries) and which do not (500). */
class DatabaseUnavailableTest {

    @Test
    void lostAndRefusedConnectionsAreUnavailability() {
        assertThat(DatabaseUnavailable.causes(new TransactionSystemException("JDBC rollback failed",
                new PSQLException("This connection has been closed.", PSQLState.CONNECTION_DOES_NOT_EXIST)))).isTrue();
        assertThat(DatabaseUnavailable.causes(new CannotCreateTransactionException("no connection",
                new CannotGetJdbcConnectionException("timeout", new SQLException("refused", "57P03"))))).isTrue();
        assertThat(DatabaseUnavailable.causes(new RuntimeException(new SQLException("x", "3D000")))).isTrue();
        TransactionSystemException rollbackFailed = new TransactionSystemException("JDBC rollback failed",
                new SQLException("Connection is closed"));
        rollbackFailed.initApplicationException(new PSQLException("An I/O error occurred", PSQLState.CONNECTION_FAILURE));
        assertThat(DatabaseUnavailable.causes(rollbackFailed)).as("Hikari's closed connection says no state").isTrue();
    }

    @Test
    void aWrongStatementIsNot() {
        assertThat(DatabaseUnavailable.causes(new BadSqlGrammarException("insert", "insert into x",
                new SQLException("relation x does not exist", "42P01")))).isFalse();
        assertThat(DatabaseUnavailable.causes(new IllegalStateException("bug"))).isFalse();
    }
}
