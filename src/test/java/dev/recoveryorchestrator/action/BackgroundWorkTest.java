package dev.recoveryorchestrator.action;

import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** Tracked background work on H2, the demo's database (a fresh in-memory database, our Flyway migrations). */
class BackgroundWorkTest extends BackgroundWorkContract {

    private static final String URL = "jdbc:h2:mem:background-work-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    private static final DataSource DATA_SOURCE = new DriverManagerDataSource(URL, "sa", "");

    @BeforeAll
    static void migrate() {
        Flyway.configure().dataSource(DATA_SOURCE).table("ro_schema_history").locations("classpath:db/migration").load()
                .migrate();
    }

    @Override
    DataSource dataSource() {
        return DATA_SOURCE;
    }

    @Override
    DataSource otherDataSource() {
        return new DriverManagerDataSource(URL, "sa", "");
    }
}
