package dev.recoveryorchestrator.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recoveryorchestrator.EngineTestSupport;
import dev.recoveryorchestrator.HostileValues;
import dev.recoveryorchestrator.incident.FailureType;
import dev.recoveryorchestrator.incident.Incident;
import dev.recoveryorchestrator.incident.IncidentState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The health monitor, one poll at a time, against the stand-in backend (a real process) that fails while its fault
 * file exists and answers with that file's content: the target's own words reach the incident as data, and a
 * flapping target never dates a new incident from an old failure.
 */
class HealthMonitorTest extends EngineTestSupport {

    @Autowired
    Probes probes;
    @Autowired
    MonitorSettings settings;

    HealthMonitor monitor;

    @BeforeEach
    void newMonitor() {
        assertThat(settings.checks()).filteredOn(check -> check.name().equals("health")).singleElement()
                .satisfies(check -> assertThat(check.threshold()).as("the monitor's threshold").isNull());
        assertThat(settings.failuresBeforeIncident()).isEqualTo(3);
        monitor = new HealthMonitor(settings, probes, incidents);
    }

    @Test
    void whatABrokenTargetAnswersReachesTheIncidentAsDataAndTheIncidentRunsNormally() throws IOException {
        standinSays(HostileValues.LINES);

        pollAt(0, 1, 2);

        Incident incident = openIncident().orElseThrow(() -> new AssertionError("no incident after three failed checks"));
        String summary = "/api/health 응답 없음: HTTP 503 " + HostileValues.TEXT + " Bcc: evil@example.com line end";
        assertThat(incident.summary()).isEqualTo(summary);
        assertThat(incident.source()).isEqualTo("health-monitor");
        assertThat(incident.openedAt()).isEqualTo(start);

        runDueJobs();

        HostileValues.assertRanNormally(this, incident, summary, "health-monitor");
        assertThat(tasks.createTaskQuery().taskDefinitionKey("UserTask_ManualRecovery").singleResult().getDescription())
                .as("the manual recovery task's findings").contains("HTTP 503 " + HostileValues.TEXT);
    }

    @Test
    void aPassingCheckBetweenFailuresStartsTheCountAgain() throws IOException {
        breakStandin();
        pollAt(0, 1);
        healStandin();
        pollAt(2);
        breakStandin();
        pollAt(3, 4);
        assertThat(openIncident()).as("two failures after a passing check").isEmpty();

        pollAt(5);

        assertThat(openIncident().orElseThrow().openedAt()).as("dated from the first failure after the passing check")
                .isEqualTo(start.plusSeconds(3));
    }

    @Test
    void aNewIncidentAfterARecoveryIsDatedFromItsOwnFirstFailureEvenWithoutAPassingCheckSeen() throws IOException {
        breakStandin();
        pollAt(0, 1, 2);
        Incident first = openIncident().orElseThrow();
        assertThat(first.openedAt()).isEqualTo(start);
        // The backend came back and the lifecycle recovered the incident between two polls of the monitor, then the
        // backend failed again: the monitor saw no passing check.
        assertThat(incidents.markRecovered(first.id()).state()).isEqualTo(IncidentState.RECOVERED);

        pollAt(10, 11, 12);

        Incident second = openIncident().orElseThrow(() -> new AssertionError("no second incident"));
        assertThat(second.id()).isNotEqualTo(first.id());
        assertThat(second.openedAt()).as("dated from its own first failure, not the first incident's")
                .isEqualTo(start.plusSeconds(10));
    }

    @Test
    void aLastingFailureOpensOneIncident() throws IOException {
        breakStandin();

        pollAt(0, 1, 2, 3, 4, 5, 6, 7, 8);

        assertThat(incidents.list(Optional.of(IncidentState.OPEN))).hasSize(1);
        assertThat(openIncident().orElseThrow().openedAt()).isEqualTo(start);
    }

    @Test
    void aRoundThatStartsAFewMillisecondsEarlyByTheWallClockStillRunsTheChecks() throws IOException {
        breakStandin();

        // Rounds start every interval (1 s); by the wall clock each of these is 30 ms early.
        pollAtMillis(0, 970, 1_940);

        assertThat(openIncident()).as("the check ran and failed in each of the three rounds").isPresent();
    }

    @Test
    void aRoundHalfAnIntervalAfterTheLastRunsNoCheckAgain() throws IOException {
        breakStandin();

        pollAtMillis(0, 500, 1_000, 1_500);

        assertThat(openIncident()).as("two looks in 1.5 s, not four").isEmpty();
        pollAtMillis(2_000);
        assertThat(openIncident()).isPresent();
    }

    /** Polls once at each of these milliseconds after the test began. */
    private void pollAtMillis(int... millis) {
        for (int milli : millis) {
            ClockUtil.setCurrentTime(Date.from(start.plusMillis(milli)));
            monitor.poll();
        }
    }

    /** Polls once at each of these seconds after the test began. */
    private void pollAt(int... seconds) {
        for (int second : seconds) {
            ClockUtil.setCurrentTime(Date.from(start.plus(Duration.ofSeconds(second))));
            monitor.poll();
        }
    }

    private Optional<Incident> openIncident() {
        List<Incident> open = incidents.list(Optional.of(IncidentState.OPEN)).stream()
                .filter(incident -> incident.type() == FailureType.BACKEND_API_DOWN).toList();
        assertThat(open).hasSizeLessThanOrEqualTo(1);
        return open.stream().findFirst();
    }

    /** Makes the stand-in fail its health check, answering with {@code text}. */
    private void standinSays(String text) throws IOException {
        Files.createDirectories(standinSettings.faultFile().getParent());
        Files.writeString(standinSettings.faultFile(), text, StandardCharsets.UTF_8);
    }
}
