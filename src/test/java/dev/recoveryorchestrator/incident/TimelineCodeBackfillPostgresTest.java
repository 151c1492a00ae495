package dev.recoveryorchestrator.incident;

import dev.recoveryorchestrator.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Flyway V22's backfill of timeline codes on PostgreSQL (production). */
class TimelineCodeBackfillPostgresTest {

    @RegisterExtension
    static final TestPostgres postgres = new TestPostgres();

    @Test
    void entriesWrittenBeforeTheCodesGetThemFromTheirOldWords() {
        TimelineCodeBackfill.check(postgres.dataSource(), postgres.schema());
    }
}
