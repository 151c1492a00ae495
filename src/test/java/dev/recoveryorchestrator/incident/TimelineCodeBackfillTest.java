package dev.recoveryorchestrator.incident;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** Flyway V22's backfill of timeline codes on H2 (the demo's and the tests' database). */
class TimelineCodeBackfillTest {

    @Test
    void entriesWrittenBeforeTheCodesGetThemFromTheirOldWords() {
        TimelineCodeBackfill.check(new DriverManagerDataSource(
                "jdbc:h2:mem:backfill-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", ""), null);
    }
}
