package dev.recoveryorchestrator.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recoveryorchestrator.EngineTestSupport;
import dev.recoveryorchestrator.action.BackgroundWork;
import dev.recoveryorchestrator.action.TargetSettings;
import dev.recoveryorchestrator.action.Work;
import dev.recoveryorchestrator.action.WorkState;
import dev.recoveryorchestrator.incident.FailureType;
import dev.recoveryorchestrator.incident.Incident;
import dev.recoveryorchestrator.incident.IncidentState;
import dev.recoveryorchestrator.incident.TimelineEntry;
import dev.recoveryorchestrator.maintenance.MaintenanceGate;
import dev.recoveryorchestrator.standin.StandinSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The monitor while the orchestrator runs a recovery action itself: the demo's {@code restart-backend}, which
 * restarts the stand-in backend (a real process), submitted as tracked background work and so recorded in
 * {@code ro_background_work} as any node records it, with the demo's checks and their {@code disrupted-by}.
 *
 * <p>The restart is held while the monitor looks: the supervisor's restart is synchronized, so while the test holds
 * the supervisor the work stays RUNNING, however loaded the machine. The monitor's clock (the engine's) is a minute
 * behind real time while the work runs, so that the rounds after the work's end, dated from its real end, come later.
 */
class OwnActionsDetectionTest extends EngineTestSupport {

    @Autowired
    Probes probes;
    @Autowired
    MonitorSettings settings;
    @Autowired
    OwnActions ownActions;
    @Autowired
    BackgroundWork background;
    @Autowired
    TargetSettings target;

    HealthMonitor monitor;
    Instant base;

    @BeforeEach
    void newMonitorThatHasSeenAHealthyTargetWithNoOtherWorkRunning() {
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(this::noWorkLive);
        base = start.minus(Duration.ofMinutes(1));
        monitor = new HealthMonitor(settings, probes, incidents, MaintenanceGate.none(), ownActions);
        pollAt(base); // the log checks begin at the log's end: what was written before is not new
        assertThat(openOf(FailureType.BACKEND_API_DOWN, FailureType.DATABASE_UNREACHABLE)).isEmpty();
    }

    @AfterEach
    void restartEndedAndSwitchesOff() throws IOException {
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(this::noWorkLive);
        for (String name : StandinSettings.SWITCHES) {
            Files.deleteIfExists(standinSettings.switchFile(name));
        }
    }

    @Test
    void aCheckARestartDisruptsOpensNothingWhileItRunsAndSettlesThenARealLastingFailureOpensAnIncident()
            throws IOException {
        Incident database = open(FailureType.DATABASE_UNREACHABLE); // Type 2 restarts the backend in its recovery
        breakStandin(); // /api/health answers 503, before the restart and after it
        Work restart;
        synchronized (standin) {
            restart = background.submit("monitor-test/" + UUID.randomUUID(), "restart-backend", database.id());
            awaitRunning(restart);

            for (int second = 1; second <= 5; second++) {
                pollAt(base.plusSeconds(second));
            }

            assertThat(openOf(FailureType.BACKEND_API_DOWN)).as("five failed health checks, threshold 3, while the "
                    + "restart runs").isEmpty();
        }
        Work ended = awaitEnd(restart);
        assertThat(ended.state()).isEqualTo(WorkState.SUCCEEDED);
        Instant settled = ended.endedAt().plus(ownActions.settle());
        Instant at = ended.endedAt().plusSeconds(1);
        int roundsSettling = 0;
        for (; at.isBefore(settled); at = at.plusSeconds(1)) {
            pollAt(at);
            roundsSettling++;
        }
        assertThat(roundsSettling).as("rounds while the restart settles").isGreaterThan(3);
        assertThat(openOf(FailureType.BACKEND_API_DOWN)).as("the runbook's check after the restart may still run")
                .isEmpty();

        Instant firstCounted = at;
        for (int round = 0; round < 3; round++, at = at.plusSeconds(1)) {
            pollAt(at);
        }

        assertThat(openOf(FailureType.BACKEND_API_DOWN)).as("three failures in a row after the restart has settled")
                .singleElement().satisfies(incident -> assertThat(incident.openedAt()).isEqualTo(firstCounted));
        assertThat(notes(database, HealthMonitor.EXPECTED_SYMPTOM)).as("the expected failures, noted once on the "
                + "incident the restart is for").singleElement().asString()
                .startsWith("[backend-api-down] health: HTTP 503").contains("restart-backend");
        assertThat(notes(database, HealthMonitor.OTHER_SYMPTOM)).isEmpty();
    }

    @Test
    void aDifferentOutageDuringARestartIsStillDetectedByTheChecksTheRestartDoesNotDisrupt() throws IOException {
        Incident model = open(FailureType.MODEL_CORRUPTION); // Type 5 restarts the backend to load the installed model
        breakStandin();
        synchronized (standin) {
            Work restart = background.submit("monitor-test/" + UUID.randomUUID(), "restart-backend", model.id());
            awaitRunning(restart);
            pollAt(base.plusSeconds(1));
            Files.writeString(standinSettings.switchFile("db-fault"), "", StandardCharsets.UTF_8);
            awaitNewLog("Access Driver not found");

            pollAt(base.plusSeconds(2));

            assertThat(openOf(FailureType.DATABASE_UNREACHABLE)).as("the database's log check, which no restart "
                    + "disrupts").singleElement().satisfies(incident -> {
                        assertThat(incident.summary()).startsWith("로그에 데이터베이스 연결 실패");
                        assertThat(notes(incident, HealthMonitor.OTHER_SYMPTOM)).as("expected failures are no "
                                + "symptoms of it").isEmpty();
                    });
            assertThat(openOf(FailureType.BACKEND_API_DOWN)).isEmpty();
            assertThat(notes(model, HealthMonitor.EXPECTED_SYMPTOM)).hasSize(2)
                    .anySatisfy(note -> assertThat(note).startsWith("[backend-api-down] health: "))
                    .anySatisfy(note -> assertThat(note).startsWith("[database-unreachable] predict-database: "));
        }
    }

    private boolean noWorkLive() {
        return jdbc.queryForObject("select count(*) from ro_background_work where state in ('PENDING', 'RUNNING')",
                Integer.class) == 0;
    }

    private void pollAt(Instant at) {
        ClockUtil.setCurrentTime(Date.from(at));
        monitor.poll();
    }

    private void awaitRunning(Work work) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> background.find(work.id()).orElseThrow().state(),
                state -> state == WorkState.RUNNING);
    }

    private Work awaitEnd(Work work) {
        return Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> background.find(work.id()).orElseThrow(),
                found -> found.state().ended());
    }

    /** Waits (bounded) until the stand-in has written a line with {@code text} after what the log holds now. */
    private void awaitNewLog(String text) throws IOException {
        long from = Files.size(target.logFile());
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
            byte[] all = Files.readAllBytes(target.logFile());
            return all.length > from && new String(all, (int) from, all.length - (int) from, StandardCharsets.UTF_8)
                    .contains(text);
        });
    }

    private List<Incident> openOf(FailureType... types) {
        List<FailureType> wanted = List.of(types);
        return incidents.list(Optional.of(IncidentState.OPEN)).stream()
                .filter(incident -> wanted.contains(incident.type())).toList();
    }

    private List<String> notes(Incident incident, String step) {
        return incidents.timeline(incident.id()).stream().filter(entry -> entry.step().equals(step))
                .map(TimelineEntry::detail).toList();
    }
}
