package dev.recoveryorchestrator.monitor;

import dev.recoveryorchestrator.action.TargetProcess;
import static org.assertj.core.api.Assertions.assertThat;

import dev.recoveryorchestrator.EngineTestSupport;
import dev.recoveryorchestrator.HostileValues;
import dev.recoveryorchestrator.action.PortProbe;
import dev.recoveryorchestrator.action.TargetSettings;
import dev.recoveryorchestrator.incident.FailureType;
import dev.recoveryorchestrator.incident.Incident;
import dev.recoveryorchestrator.incident.IncidentState;
import dev.recoveryorchestrator.incident.Scope;
import dev.recoveryorchestrator.incident.TimelineEntry;
import dev.recoveryorchestrator.monitor.MonitorSettings.Check;
import dev.recoveryorchestrator.monitor.MonitorSettings.Kind;
import dev.recoveryorchestrator.standin.StandinSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import java.util.Map;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.util.unit.DataSize;

/**
 * Detection of every failure type, against the stand-in backend (a real process) switched into each symptom with
 * the demo's switch files, and the monitor run one round at a time with the demo's checks. Types 2 and 5 have no
 * runbook yet: each test deploys a stub runbook for the types it expects and deletes it afterwards.
 */
class DetectionTest extends EngineTestSupport {

    @Autowired
    Probes probes;
    @Autowired
    MonitorSettings settings;
    @Autowired
    RepositoryService repository;
    @Autowired
    PortProbe ports;
    @Autowired
    TargetSettings target;

    HealthMonitor monitor;
    final List<String> deployments = new ArrayList<>();
    int second;

    @BeforeEach
    void newMonitorThatHasSeenAHealthyTarget() {
        monitor = new HealthMonitor(settings, probes, incidents);
        second = 0;
        round(); // the log checks begin at the log's end: what was written before is not new
        assertThat(allIncidents()).isEmpty();
    }

    @AfterEach
    void switchesOffAndStubsGone() throws IOException {
        for (String name : StandinSettings.SWITCHES) {
            Files.deleteIfExists(standinSettings.switchFile(name));
        }
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(this::hostAddressAnswers);
        runtime.createProcessInstanceQuery().rootProcessInstances().list()
                .forEach(instance -> runtime.deleteProcessInstance(instance.getId(), "test cleanup"));
        deployments.forEach(id -> repository.deleteDeployment(id, true));
    }

    @Test
    void aBackendThatStopsAnsweringOpensBackendApiDown() throws IOException {
        breakStandin();

        rounds(3);

        Incident incident = onlyIncident();
        assertThat(incident.type()).isEqualTo(FailureType.BACKEND_API_DOWN);
        assertThat(incident.summary()).startsWith("/api/health 응답 없음: HTTP 503");
        assertThat(incident.openedAt()).isEqualTo(start.plusSeconds(1));
        assertThat(incident.symptomConfirmedAt()).as("confirmed by check").isEqualTo(incident.openedAt());
    }

    @Test
    void theStandinsExitIsSeenThroughItsProcessHandleAndOpensTheIncidentWithoutWaitingForPolls() {
        ProcessWatch watch = new ProcessWatch(new ProcessWatchSettings("health", null, Duration.ofSeconds(1)),
                new StaticListableBeanFactory(Map.of("monitor", monitor)).getBeanProvider(HealthMonitor.class),
                new StaticListableBeanFactory(Map.of("standin", (TargetProcess) standin::process))
                        .getBeanProvider(TargetProcess.class));
        try {
            watchTheStandin(watch);
        } finally {
            // the watch stays registered on the stand-in's process: stopped, a later test's kill counts nothing here
            watch.stop();
        }
    }

    private void watchTheStandin(ProcessWatch watch) {
        long pid = standin.process().orElseThrow().pid();
        assertThat(watch.arm()).as("watches the stand-in").isTrue();
        assertThat(watch.arm()).as("once").isFalse();

        killStandin();

        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !allIncidents().isEmpty());
        Incident incident = onlyIncident();
        assertThat(incident.type()).as("the health check's type, no round run").isEqualTo(FailureType.BACKEND_API_DOWN);
        assertThat(incident.summary()).isEqualTo("/api/health 응답 없음: 대상 프로세스 종료 (pid " + pid + ")");
        assertThat(incident.source()).isEqualTo(HealthMonitor.SOURCE);
        assertThat(incident.symptomConfirmedAt()).as("our own observation").isNotNull();

        monitor.event("health", "대상 프로세스 종료 (pid " + pid + ")");
        assertThat(allIncidents()).as("one incident per outage").hasSize(1);
        standin.stop();
        standin.start();
        assertThat(watch.arm()).as("re-armed on the new process").isTrue();
    }

    @Test
    void anEventForACheckThatIsNotConfiguredChangesNothing() {
        monitor.event("no-such-check", "${x} $(id)");

        assertThat(allIncidents()).isEmpty();
    }

    @Test
    void aDatabaseFaultOpensDatabaseUnreachableFromItsLogLineWithThePredictErrorInItsTimeline() throws IOException {
        switchOn("db-fault", "");
        awaitNewLog("Access Driver not found");

        round();

        Incident incident = onlyIncident();
        assertThat(incident.type()).isEqualTo(FailureType.DATABASE_UNREACHABLE);
        assertThat(incident.summary()).as("the log check (threshold 1) opens it; the predict check is at 1 of 2")
                .matches("로그에 데이터베이스 연결 실패: \\d+줄, 마지막: .*Database connection failed.*");
        assertThat(incident.source()).isEqualTo(HealthMonitor.SOURCE);
        assertThat(incident.symptomConfirmedAt()).isNotNull();
        assertThat(otherSymptoms(incident)).singleElement().asString()
                .startsWith("[database-unreachable] predict-database: HTTP 500").contains("Database connection failed");
    }

    @Test
    void aModelFaultOpensModelCorruptionAndRecordsTheServerErrorAsAnotherSymptom() throws IOException {
        stubRunbooks(FailureType.MODEL_CORRUPTION, FailureType.DATABASE_UNREACHABLE);
        switchOn("model-fault", "");
        awaitNewLog("Failed to load model");

        round();

        Incident incident = onlyIncident();
        assertThat(incident.type()).as("Model not found comes with a 500: the specific symptom wins")
                .isEqualTo(FailureType.MODEL_CORRUPTION);
        assertThat(incident.summary()).as("the log check (threshold 1) opens it; the predict checks are at 1 of 2")
                .startsWith("로그에 모델 로드 실패: ").contains("Failed to load model");
        assertThat(otherSymptoms(incident)).anySatisfy(note -> assertThat(note)
                .startsWith("[model-corruption] predict-model: HTTP 500").contains("Model not found"))
                .anySatisfy(note -> assertThat(note).startsWith("[database-unreachable] predict-database: HTTP 500"));
    }

    @Test
    void aPortConflictInTheLogOpensContainerFailure() throws IOException {
        switchOn("port-conflict", "");
        awaitNewLog("Port already in use");

        round();

        Incident incident = onlyIncident();
        assertThat(incident.type()).isEqualTo(FailureType.CONTAINER_FAILURE);
        assertThat(incident.summary()).matches("로그에 포트 충돌: \\d+줄, 마지막: .*Port already in use.*");
    }

    @Test
    void aHostAddressThatNoLongerAnswersWhileLoopbackDoesOpensNetworkOutage() throws IOException {
        switchOn("network-fault", "");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !hostAddressAnswers());

        round();
        assertThat(allIncidents()).as("one failed round of two").isEmpty();
        round();

        Incident incident = onlyIncident();
        assertThat(incident.type()).isEqualTo(FailureType.NETWORK_OUTAGE);
        assertThat(incident.summary()).startsWith("호스트 주소로 접속 불가 (로컬에서는 응답): " + standinSettings.hostBind()
                + " 경유 접속 불가 [" + STANDIN_PORT + "]");
        assertThat(incident.openedAt()).isEqualTo(start.plusSeconds(1));
    }

    @Test
    void aLoopbackThatAnswersWithoutAHealthyServiceIsNotANetworkOutage() throws IOException {
        switchOn("network-fault", "");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !hostAddressAnswers());
        breakStandin(); // something answers on loopback, but not the healthy service (as a squatter on its port)

        for (int i = 0; i < 3; i++) {
            round();
        }

        assertThat(onlyIncident().type()).isEqualTo(FailureType.BACKEND_API_DOWN);
    }

    @Test
    void severalChecksAtTheirThresholdsAtOnceOpenOneIncidentOfTheTypeFirstInTheOrderWithTheOthersInItsTimelineOnce()
            throws IOException {
        stubRunbooks(FailureType.NETWORK_OUTAGE, FailureType.DATABASE_UNREACHABLE);
        switchOn("network-fault", "");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !hostAddressAnswers());
        round();
        assertThat(allIncidents()).as("the network check's first failure of two").isEmpty();
        switchOn("db-fault", "");
        switchOn("port-conflict", "");
        awaitNewLog("Port already in use");

        round();

        Incident incident = onlyIncident();
        assertThat(incident.type()).isEqualTo(FailureType.NETWORK_OUTAGE);
        assertThat(otherSymptoms(incident)).extracting(note -> note.substring(0, note.indexOf(':'))).containsExactlyInAnyOrder(
                "[container-failure] log-port", "[database-unreachable] predict-database",
                "[database-unreachable] log-database");

        for (int i = 0; i < 4; i++) {
            awaitNewLog("Port already in use");
            round();
        }

        assertThat(allIncidents()).as("a lasting failure opens no second incident, though the network check counts "
                + "from scratch after the opening while the port conflict fires every round").singleElement()
                .extracting(Incident::id).isEqualTo(incident.id());
        assertThat(otherSymptoms(incident)).as("each other symptom noted once").hasSize(3);
    }

    @Test
    void aSymptomBelowItsThresholdInTheRoundAnotherCheckFiresIsNotedButNeverDecidesTheType() throws IOException {
        switchOn("db-fault", "");
        awaitNewLog("Access Driver not found");
        breakStandin(); // /api/health fails once in the round the database's log check fires (threshold 3)

        round();

        Incident incident = onlyIncident();
        assertThat(incident.type()).as("one failed health check is no Type 1 outage, though backend-api-down comes "
                + "before database-unreachable in the order").isEqualTo(FailureType.DATABASE_UNREACHABLE);
        assertThat(otherSymptoms(incident)).anySatisfy(note -> assertThat(note)
                .startsWith("[backend-api-down] health: HTTP 503"));

        healStandin();
        round();
        round();

        assertThat(allIncidents()).as("the health check passed again: no Type 1 at all").singleElement()
                .extracting(Incident::type).isEqualTo(FailureType.DATABASE_UNREACHABLE);
    }

    @Test
    void aSymptomWhoseTypeHasNoRunbookOpensNothingAndGivesWayToTheNextTypeShowingOne() throws IOException {
        // The runbooks of the types a model fault shows (model-corruption, and database-unreachable for its 500)
        // suspended, as in Cockpit; model-corruption first in the order so that it is the type given way.
        List<FailureType> suspended = List.of(FailureType.MODEL_CORRUPTION, FailureType.DATABASE_UNREACHABLE);
        suspended.forEach(type -> repository.suspendProcessDefinitionByKey(type.runbookProcessKey()));
        try {
            givesWayToTheNextType();
        } finally {
            suspended.forEach(type -> repository.activateProcessDefinitionByKey(type.runbookProcessKey()));
        }
    }

    private void givesWayToTheNextType() throws IOException {
        HealthMonitor modelFirst = new HealthMonitor(new MonitorSettings(true, settings.interval(),
                settings.failuresBeforeIncident(), settings.timeout(), List.of(FailureType.MODEL_CORRUPTION,
                FailureType.BACKEND_API_DOWN, FailureType.NETWORK_OUTAGE, FailureType.CONTAINER_FAILURE,
                FailureType.DATABASE_UNREACHABLE), settings.checks()), probes, incidents);
        roundOf(modelFirst);
        switchOn("model-fault", "");
        awaitNewLog("Failed to load model");

        for (int i = 0; i < 4; i++) {
            roundOf(modelFirst);
        }
        assertThat(allIncidents()).as("no active runbook for the types shown").isEmpty();

        breakStandin();
        for (int i = 0; i < 3; i++) {
            roundOf(modelFirst);
        }

        Incident incident = onlyIncident();
        assertThat(incident.type()).isEqualTo(FailureType.BACKEND_API_DOWN);
        assertThat(otherSymptoms(incident)).anySatisfy(note -> assertThat(note).startsWith("[model-corruption] ")
                .endsWith("(런북 미배포)"));
    }

    @Test
    void whatTheTargetAnswersAndLogsReachesTheIncidentAsOneLineOfData() throws IOException {
        String hostile = HostileValues.LINES + "\0 NUL " + "x".repeat(100 * 1024);
        switchOn("db-fault", hostile);
        awaitNewLog("Access Driver not found");

        round();

        Incident incident = onlyIncident();
        assertThat(incident.type()).isEqualTo(FailureType.DATABASE_UNREACHABLE);
        assertThat(incident.summary()).contains(HostileValues.TEXT).doesNotContain("\r", "\n", "\0")
                .hasSizeLessThan(300);
        assertThat(otherSymptoms(incident)).singleElement().asString().doesNotContain("\r", "\n", "\0")
                .hasSizeLessThan(300);
    }

    @Test
    void aLogThatDoesNotExistIsNoSymptomAndItsLinesCountOnceItAppears() throws IOException {
        Path log = WORK.resolve("later").resolve("backend.log");
        Files.deleteIfExists(log);
        HealthMonitor onlyLog = new HealthMonitor(withChecks(logCheck(log)), probes, incidents);

        for (int i = 0; i < 5; i++) {
            roundOf(onlyLog);
        }
        assertThat(allIncidents()).as("a missing log is not a symptom").isEmpty();

        Files.createDirectories(log.getParent());
        Files.writeString(log, "ERROR Database connection failed (before the check could read: not new)\n");
        roundOf(onlyLog);
        assertThat(allIncidents()).isEmpty();
        Files.writeString(log, "ERROR Database connection failed ${x}\n", java.nio.file.StandardOpenOption.APPEND);
        roundOf(onlyLog);

        assertThat(onlyIncident().summary()).isEqualTo("로그 확인: 1줄, 마지막: ERROR Database connection failed ${x}");
    }

    @Test
    void exitedOrMissingContainersOpenContainerFailureFromWhatDockerComposePsPrints() throws IOException {
        HealthMonitor containers = new HealthMonitor(withChecks(containerCheck()), probes, incidents);
        FakeDocker.answers(WORK, container("predictor", "running", "Up 2 hours") + "\n"
                + container("frontend", "running", "Up 2 hours") + "\n", 0);
        roundOf(containers);
        roundOf(containers);
        assertThat(allIncidents()).as("both running").isEmpty();
        assertThat(FakeDocker.calls(WORK)).contains("compose ps --all --format json");

        FakeDocker.answers(WORK, "time=\"2025-09-01T10:00:00+09:00\" level=warning msg=\"version is obsolete\"\n"
                + container("predictor", "exited", "Exited (1) 3 minutes ago") + "\n", 0);
        roundOf(containers);
        roundOf(containers);

        Incident incident = onlyIncident();
        assertThat(incident.type()).isEqualTo(FailureType.CONTAINER_FAILURE);
        assertThat(incident.summary()).isEqualTo("컨테이너 없음 또는 중지: 컨테이너 predictor exited, frontend 없음");
    }

    @Test
    void containerListingsFromDockerPsAndHostileNamesAreReadAsData() throws IOException {
        HealthMonitor containers = new HealthMonitor(withChecks(containerCheck()), probes, incidents);
        // docker ps -a --format json: no Service field, the service is a label; an older compose printed one array.
        String psLine = "{\"Names\":\"routing-ml-predictor-1\",\"State\":\"restarting\",\"Status\":\"Restarting (1)\","
                + "\"Labels\":\"com.docker.compose.project=routing-ml,com.docker.compose.service=predictor\"}";
        // Within the few kilobytes of output an action keeps (CommandRunner); 100 KB values are in the stand-in's tests.
        String hostile = "[{\"Service\":\"frontend\",\"State\":\"exited ${x} #{x} $(id) \\r\\nBcc: x \\u0000 "
                + "x".repeat(2 * 1024) + "\"}]";
        FakeDocker.answers(WORK, psLine + "\n" + hostile + "\n", 0);

        roundOf(containers);
        roundOf(containers);

        String summary = onlyIncident().summary();
        assertThat(summary).startsWith("컨테이너 없음 또는 중지: 컨테이너 predictor restarting, frontend exited ${x} #{x} $(id) Bcc: x")
                .doesNotContain("\r", "\n", "\0").hasSizeLessThan(300);
    }

    @Test
    void aDockerThatCannotBeReachedIsNoSymptom() throws IOException {
        HealthMonitor containers = new HealthMonitor(withChecks(containerCheck()), probes, incidents);
        FakeDocker.answers(WORK, "Cannot connect to the Docker daemon at unix:///var/run/docker.sock.", 1);

        for (int i = 0; i < 4; i++) {
            roundOf(containers);
        }

        assertThat(allIncidents()).isEmpty();
    }

    private static String container(String service, String state, String status) {
        return "{\"Command\":\"\\\"uvicorn backend.r…\\\"\",\"CreatedAt\":\"2025-09-01 10:00:00 +0900 KST\",\"ExitCode\":0,"
                + "\"Health\":\"\",\"ID\":\"3f2a9c1b7d4e\",\"Image\":\"routing-ml-" + service + "\",\"Labels\":"
                + "\"com.docker.compose.project=routing-ml,com.docker.compose.service=" + service + "\",\"LocalVolumes\":\"1\","
                + "\"Mounts\":\"routing-ml_models\",\"Name\":\"routing-ml-" + service + "-1\",\"Names\":\"routing-ml-"
                + service + "-1\",\"Networks\":\"routing-ml_default\",\"Ports\":\"0.0.0.0:8000->8000/tcp\","
                + "\"Project\":\"routing-ml\",\"Publishers\":[{\"URL\":\"0.0.0.0\",\"TargetPort\":8000,\"PublishedPort\":8000,"
                + "\"Protocol\":\"tcp\"}],\"RunningFor\":\"2 hours ago\",\"Service\":\"" + service + "\",\"Size\":\"0B\","
                + "\"State\":\"" + state + "\",\"Status\":\"" + status + "\"}";
    }

    private MonitorSettings withChecks(Check... checks) {
        return new MonitorSettings(true, settings.interval(), settings.failuresBeforeIncident(), settings.timeout(),
                settings.order(), List.of(checks));
    }

    private static Check logCheck(Path file) {
        return new Check("log", Kind.LOG, FailureType.DATABASE_UNREACHABLE, null, 1, null, "로그 확인", Scope.WHOLE, null,
                null, Set.of(), List.of(), file, List.of(Pattern.compile("Database connection failed")),
                DataSize.ofMegabytes(1), null, "127.0.0.1", null, null, List.of(), Set.of("running"), Set.of());
    }

    private static Check containerCheck() {
        return new Check("containers", Kind.CONTAINERS, FailureType.CONTAINER_FAILURE, null, 2, null,
                "컨테이너 없음 또는 중지", Scope.WHOLE, null, null, Set.of(), List.of(), null, List.of(),
                DataSize.ofMegabytes(1), null, "127.0.0.1", null, FakeDocker.ACTION, List.of("predictor", "frontend"),
                Set.of("running"), Set.of());
    }

    /** One round of the monitor, one second after the last. */
    private void round() {
        roundOf(monitor);
    }

    private void roundOf(HealthMonitor which) {
        ClockUtil.setCurrentTime(Date.from(start.plusSeconds(second++)));
        which.poll();
    }

    private void rounds(int count) {
        for (int i = 0; i < count; i++) {
            round();
        }
    }

    private void switchOn(String name, String text) throws IOException {
        Files.writeString(standinSettings.switchFile(name), text, StandardCharsets.UTF_8);
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

    private boolean hostAddressAnswers() {
        return ports.listening(standinSettings.hostBind(), STANDIN_PORT, Duration.ofMillis(500));
    }

    private void stubRunbooks(FailureType... types) {
        for (FailureType type : types) {
            BpmnModelInstance stub = Bpmn.createExecutableProcess(type.runbookProcessKey()).camundaHistoryTimeToLive(1)
                    .startEvent().userTask("UserTask_Stub").camundaCandidateGroups("devops").endEvent().done();
            deployments.add(repository.createDeployment().addModelInstance("stub-" + type.id() + ".bpmn", stub)
                    .deploy().getId());
        }
    }

    private List<Incident> allIncidents() {
        return incidents.list(Optional.of(IncidentState.OPEN));
    }

    private Incident onlyIncident() {
        List<Incident> open = allIncidents();
        assertThat(open).as("open incidents").hasSize(1);
        return open.get(0);
    }

    private List<String> otherSymptoms(Incident incident) {
        return incidents.timeline(incident.id()).stream().filter(entry -> entry.step().equals(HealthMonitor.OTHER_SYMPTOM))
                .map(TimelineEntry::detail).toList();
    }

}
