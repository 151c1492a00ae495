package dev.recoveryorchestrator.action;

import dev.recoveryorchestrator.TestPostgres;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Tracked background work on PostgreSQL, the production database: the same contract as on H2. */
class BackgroundWorkPostgresTest extends BackgroundWorkContract {

    @RegisterExtension
    static final TestPostgres postgres = new TestPostgres();

    private static DataSource dataSource;

    @BeforeAll
    static void migrate() {
        dataSource = postgres.dataSource();
        Flyway.configure()
                .dataSource(dataSource)
                .schemas(postgres.schema())
                .table("ro_schema_history")
                .locations("classpath:db/migration")
                .load()
                .migrate();
    }

    @Override
    DataSource dataSource() {
        return dataSource;
    }

    @Override
    DataSource otherDataSource() {
        return postgres.dataSource();
    }
}
