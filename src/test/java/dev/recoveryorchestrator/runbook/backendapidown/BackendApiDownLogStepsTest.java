package dev.recoveryorchestrator.runbook.backendapidown;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import dev.recoveryorchestrator.EngineTestSupport;
import dev.recoveryorchestrator.HistoricInstance;
import dev.recoveryorchestrator.action.TargetSettings;
import dev.recoveryorchestrator.incident.FailureType;
import dev.recoveryorchestrator.incident.Incident;
import dev.recoveryorchestrator.incident.IncidentState;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The runbook's log steps (로그 확인, 로그 모니터링) and the lifecycle's 로그 스냅샷 against the stand-in's real log
 * file: a log that is gone is a finding and never a clean log, and bytes that are not UTF-8 fail nothing.
 */
class BackendApiDownLogStepsTest extends EngineTestSupport {

    @Autowired
    TargetSettings target;

    private Path log;
    private Path saved;

    @BeforeEach
    void keepTheLog() throws IOException {
        log = target.logFile();
        saved = WORK.resolve("backend.log.saved");
        Files.deleteIfExists(saved);
    }

    @AfterEach
    void restoreTheLog() throws IOException {
        if (Files.isSymbolicLink(log)) {
            Files.delete(log);
        }
        if (Files.exists(saved)) {
            Files.move(saved, log, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Test
    void aLogThatIsGoneAfterTheRestartIsNotCleanAndARelapseOpensWithTheFinding() throws IOException {
        killStandin();
        Incident incident = open(FailureType.BACKEND_API_DOWN);
        runDueJobs();
        assertThat(runbook(incident)).hasPassed("Task_RestartBackend", "Task_BackendHealthCheck", "Task_StartLogWatch");
        assertThat(incidents.find(incident.id()).orElseThrow().state()).isEqualTo(IncidentState.RECOVERED);

        makeTheLogGone();
        advance(Duration.ofSeconds(3));

        assertThat(stepNotes(incident, "로그 모니터링")).contains("로그 파일 없음: " + log).doesNotContain("오류 없음");
        assertThat(stepNotes(incident, "재발")).contains("로그 파일 없음: " + log);
        Incident relapse = incidents.findOpen(FailureType.BACKEND_API_DOWN).orElseThrow();
        assertThat(incidents.relapseOf(relapse.id())).contains(incident.id());
        assertThat(relapse.summary()).contains("로그 파일 없음: " + log);
        Task triage = tasks.createTaskQuery().processInstanceBusinessKey(relapse.id())
                .taskDefinitionKey("UserTask_Triage").singleResult();
        assertThat(triage).as("a person decides: the backend answers, so the relapse's symptom is not confirmed")
                .isNotNull();
        assertThat(noFailedJobs()).isTrue();
    }

    @Test
    void aLogThatIsGoneFromTheStartIsAFindingOfTheDiagnosisAndTheSnapshot() throws IOException {
        killStandin();
        makeTheLogGone();
        Incident incident = open(FailureType.BACKEND_API_DOWN);

        runDueJobs();

        assertThat(noFailedJobs()).isTrue();
        assertThat(stepNotes(incident, "로그 확인")).isEqualTo("로그 파일 없음: " + log);
        assertThat(stepNotes(incident, "로그 스냅샷")).isEqualTo("로그 파일 없음: " + log + " (스냅샷 없음)");
        assertThat(new HistoricInstance(history.createHistoricProcessInstanceQuery()
                .processInstanceId(incident.processInstanceId()).singleResult())).hasPassed("Task_TakeLogSnapshot");
        assertThat(runbook(incident)).hasPassed("Task_ReadBackendLog", "Task_CheckBackendPort", "Task_RestartBackend");
        assertThat(findings(incident))
                .contains("로그 확인: 로그 파일 없음: " + log);
    }

    @Test
    void aLogWithCp949BytesIsDiagnosedAndSnapshottedWithTheNewestLinesKept() throws IOException {
        Charset cp949 = Charset.forName("MS949");
        try (OutputStream out = Files.newOutputStream(log, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            for (int n = 0; n < 120; n++) {
                out.write(("INFO filler line " + n + " " + "x".repeat(80) + "\n").getBytes(StandardCharsets.UTF_8));
            }
            out.write("ERROR 모델 로드 실패: ".getBytes(cp949));
            out.write("한글 경로\n".getBytes(cp949));
            out.write("Traceback (most recent call last):\r\n".getBytes(StandardCharsets.UTF_8));
            out.write("ValueError: the last line\n".getBytes(StandardCharsets.UTF_8));
        }
        killStandin();
        Incident incident = open(FailureType.BACKEND_API_DOWN);

        runDueJobs();

        assertThat(noFailedJobs()).isTrue();
        String diagnosis = stepNotes(incident, "로그 확인");
        assertThat(diagnosis).as("the newest lines are kept when the note is cut")
                .startsWith("…").endsWith("Traceback (most recent call last):\nValueError: the last line")
                .contains("ERROR ", "\uFFFD");
        String findings = findings(incident);
        assertThat(findings).contains("로그 확인: 마지막 100줄 중 오류 2줄, 마지막 오류: Traceback");
        String snapshotNote = stepNotes(incident, "로그 스냅샷");
        Path snapshot = Path.of(snapshotNote.substring(0, snapshotNote.indexOf(" (")));
        assertThat(snapshot.getFileName().toString()).startsWith("incident_").endsWith(".log");
        List<String> snapshotLines = Files.readAllLines(snapshot, StandardCharsets.UTF_8);
        assertThat(snapshotLines).containsSubsequence("Traceback (most recent call last):", "ValueError: the last line")
                .anyMatch(line -> line.startsWith("ERROR ") && line.contains("\uFFFD"));
    }

    /** The log is gone, and stays gone while the stand-in runs: its path leads nowhere, so nobody re-creates it. */
    private void makeTheLogGone() throws IOException {
        if (Files.exists(log)) {
            Files.move(log, saved);
        }
        Files.createSymbolicLink(log, WORK.resolve("gone").resolve("backend.log"));
        assertThat(Files.exists(log)).as(log + " exists").isFalse();
    }

    /** The runbook's findings; it has ended (the log watch runs on in its own process), so from history. */
    private String findings(Incident incident) {
        return history.createHistoricVariableInstanceQuery().processInstanceId(runbook(incident).getId())
                .variableName(dev.recoveryorchestrator.runbook.RunbookVariables.FINDINGS).singleResult().getValue()
                .toString();
    }

    private boolean noFailedJobs() {
        List<Job> failed = management.createJobQuery().withException().list();
        assertThat(failed).as("failed jobs: %s", failed.stream()
                .map(job -> management.getJobExceptionStacktrace(job.getId())).toList()).isEmpty();
        return true;
    }

    private HistoricInstance runbook(Incident incident) {
        List<HistoricInstance> runbooks = history.createHistoricProcessInstanceQuery()
                .processDefinitionKey(BackendApiDownRunbookTest.RUNBOOK).superProcessInstanceId(incident.processInstanceId())
                .orderByProcessInstanceStartTime().asc().list().stream().map(HistoricInstance::new).toList();
        assertThat(runbooks).hasSize(1);
        return runbooks.get(0);
    }
}
