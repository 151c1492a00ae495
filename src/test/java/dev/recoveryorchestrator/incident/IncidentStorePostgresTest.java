package dev.recoveryorchestrator.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.recoveryorchestrator.TestPostgres;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/** The one-open-incident rule is kept by PostgreSQL's unique constraint, also when two nodes race. */
class IncidentStorePostgresTest {

    @RegisterExtension
    static final TestPostgres postgres = new TestPostgres();

    private static final Instant OPENED_AT = Instant.parse("2025-03-04T05:06:07Z");

    private JdbcTemplate jdbc;
    private IncidentStore store;
    private String target;

    @BeforeAll
    static void migrate() {
        Flyway.configure()
                .dataSource(postgres.dataSource())
                .schemas(postgres.schema())
                .table("ro_schema_history")
                .locations("classpath:db/migration")
                .load()
                .migrate();
    }

    @BeforeEach
    void setUp() {
        jdbc = new JdbcTemplate(postgres.dataSource());
        store = new IncidentStore(jdbc);
        target = "routing-ml-" + UUID.randomUUID();
    }

    @Test
    void letsExactlyOneOfTwoConcurrentOpensOfTheSameTypeAndTargetSucceed() throws Exception {
        for (int round = 0; round < 10; round++) {
            String roundTarget = target + "-" + round;
            List<Object> outcomes = openConcurrently(
                    incident(UUID.randomUUID().toString(), FailureType.BACKEND_API_DOWN, roundTarget),
                    incident(UUID.randomUUID().toString(), FailureType.BACKEND_API_DOWN, roundTarget));

            assertThat(outcomes).filteredOn(String.class::isInstance).hasSize(1);
            assertThat(outcomes).filteredOn(DuplicateKeyException.class::isInstance).hasSize(1);
            String winner = (String) outcomes.stream().filter(String.class::isInstance).findFirst().orElseThrow();
            assertThat(store.findOpen(FailureType.BACKEND_API_DOWN, roundTarget)).get()
                    .extracting(Incident::id).isEqualTo(winner);
            assertThat(jdbc.queryForObject("select count(*) from ro_incident where target = ?", Integer.class,
                    roundTarget)).isEqualTo(1);
        }
    }

    @Test
    void countsEveryConcurrentRepeatOfAnEventOnOneEntryExactly() throws Exception {
        Incident incident = incident(UUID.randomUUID().toString(), FailureType.BACKEND_API_DOWN, target);
        store.insertOpen(incident);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.Future<?>> counted = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 400; i++) {
                counted.add(pool.submit(() -> {
                    go.await();
                    store.addOrRepeatEvent(incident.id(), "alert:storm", OPENED_AT, "알림 수신", "storm", null);
                    return null;
                }));
            }
            go.countDown();
            for (var future : counted) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(store.timeline(incident.id())).singleElement().extracting(TimelineEntry::repeats).isEqualTo(400);
    }

    @Test
    void freesTheSlotWhenTheIncidentIsRecovered() {
        Incident first = incident(UUID.randomUUID().toString(), FailureType.BACKEND_API_DOWN, target);
        store.insertOpen(first);
        assertThatThrownBy(() -> store.insertOpen(
                incident(UUID.randomUUID().toString(), FailureType.BACKEND_API_DOWN, target)))
                .isInstanceOf(DuplicateKeyException.class);

        Instant recoveredAt = OPENED_AT.plus(Duration.ofMinutes(42));
        assertThat(store.markRecovered(first.id(), recoveredAt)).isTrue();
        assertThat(store.markRecovered(first.id(), recoveredAt)).as("a second recovery changes nothing").isFalse();
        assertThat(store.find(first.id())).get().satisfies(recovered -> {
            assertThat(recovered.state()).isEqualTo(IncidentState.RECOVERED);
            assertThat(recovered.recoveredAt()).isEqualTo(recoveredAt);
            assertThat(recovered.downtime()).isEqualTo(Duration.ofMinutes(42));
        });
        assertThat(store.findOpen(FailureType.BACKEND_API_DOWN, target)).isEmpty();

        Incident second = incident(UUID.randomUUID().toString(), FailureType.BACKEND_API_DOWN, target);
        store.insertOpen(second);
        assertThat(store.findOpen(FailureType.BACKEND_API_DOWN, target)).get()
                .extracting(Incident::id).isEqualTo(second.id());
    }

    @Test
    void keepsIncidentsOfDifferentTypesOpenTogetherForOneTarget() {
        Incident backend = incident(UUID.randomUUID().toString(), FailureType.BACKEND_API_DOWN, target);
        Incident database = incident(UUID.randomUUID().toString(), FailureType.DATABASE_UNREACHABLE, target);

        store.insertOpen(backend);
        store.insertOpen(database);

        assertThat(store.findOpen(FailureType.BACKEND_API_DOWN, target)).get()
                .extracting(Incident::id).isEqualTo(backend.id());
        assertThat(store.findOpen(FailureType.DATABASE_UNREACHABLE, target)).get()
                .extracting(Incident::id).isEqualTo(database.id());
    }

    /** Inserts both at the same moment; each outcome is the incident's id or the exception its insert threw. */
    private List<Object> openConcurrently(Incident... incidents) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(incidents.length);
        try {
            CountDownLatch ready = new CountDownLatch(incidents.length);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Object>> futures = new ArrayList<>();
            for (Incident incident : incidents) {
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    start.await();
                    try {
                        store.insertOpen(incident);
                        return incident.id();
                    } catch (RuntimeException e) {
                        return e;
                    }
                }));
            }
            assertThat(ready.await(10, TimeUnit.SECONDS)).isTrue();
            start.countDown();
            List<Object> outcomes = new ArrayList<>();
            for (Future<Object> future : futures) {
                outcomes.add(future.get(30, TimeUnit.SECONDS));
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aDrillHoldsItsOwnOpenSlotAndCountsApartFromRealIncidents() {
        long realOpenBefore = store.countOpen();
        Incident real = incident(UUID.randomUUID().toString(), FailureType.BACKEND_API_DOWN, target);
        Incident drill = drill(incident(UUID.randomUUID().toString(), FailureType.BACKEND_API_DOWN, target));
        store.insertOpen(real);
        store.insertOpen(drill);

        assertThat(store.findOpen(FailureType.BACKEND_API_DOWN, target)).get().extracting(Incident::id).isEqualTo(real.id());
        assertThat(store.findOpen(FailureType.BACKEND_API_DOWN, target, true)).get().extracting(Incident::drill)
                .isEqualTo(true);
        assertThat(store.countOpen()).isEqualTo(realOpenBefore + 1);
        store.addAttempt(drill.id(), FailureType.BACKEND_API_DOWN, "restart-backend", OPENED_AT);
        assertThat(store.countAttempts(FailureType.BACKEND_API_DOWN, OPENED_AT.minusSeconds(1), false)).isZero();
        assertThat(store.countAttempts(FailureType.BACKEND_API_DOWN, OPENED_AT.minusSeconds(1), true)).isOne();
        assertThat(store.list(new IncidentQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 0,
                500, Optional.of(true))).incidents()).extracting(Incident::id).contains(drill.id()).doesNotContain(real.id());
        store.markRecovered(drill.id(), OPENED_AT.plusSeconds(30));
        assertThat(store.lastRecovered(FailureType.BACKEND_API_DOWN, target, OPENED_AT, OPENED_AT.plusSeconds(60)))
                .as("a drill is nobody's predecessor").isEmpty();
    }

    private static Incident drill(Incident i) {
        return Incident.opened(i.id(), i.type(), i.target(), i.scope(), "[훈련] test", i.source(), i.openedBy(),
                i.openedAt(), i.rtoDeadline(), null, true);
    }

    private static Incident incident(String id, FailureType type, String target) {
        return Incident.opened(id, type, target, Scope.WHOLE.id(), "/api/health 응답 없음", "test", "tester", OPENED_AT,
                OPENED_AT.plus(4, ChronoUnit.HOURS), null, false);
    }
}
