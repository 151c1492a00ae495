package dev.recoveryorchestrator.inspection.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import dev.recoveryorchestrator.DateSensitive;
import dev.recoveryorchestrator.EngineTestSupport;
import dev.recoveryorchestrator.TestMail;
import dev.recoveryorchestrator.action.AccessFiles;
import dev.recoveryorchestrator.standin.DemoDatabase;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;

/**
 * {@code backup-daily.bpmn} on the stand-in's real files (its Access database, the demo's three backups, its model
 * folder): the timer start fires at 02:00 in Asia/Seoul and again the next day across a month end; a start by hand
 * backs up the demo's database verified; a damaged live file becomes a task for devops and a mail, and the task
 * lapses with a note in the history.
 */
@DateSensitive
class BackupDailyProcessTest extends EngineTestSupport {

    static final String PROCESS = "backup-daily";

    @Test
    void theTimerFiresAtTwoInSeoulAndAgainTheNextDayAcrossTheMonthEnd() {
        Job timer = startTimer();
        ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-11-30T10:00:00Z")));
        management.recalculateJobDuedate(timer.getId(), false);
        Date due = management.createJobQuery().jobId(timer.getId()).singleResult().getDuedate();
        assertThat(due.toInstant()).as("2026-12-01 02:00 in Seoul").isEqualTo(Instant.parse("2026-11-30T17:00:00Z"));

        List<String> earlier = history.createHistoricProcessInstanceQuery().processDefinitionKey(PROCESS).list().stream()
                .map(HistoricProcessInstance::getId).toList();
        ClockUtil.setCurrentTime(due);
        management.executeJob(timer.getId());
        runDueJobs();

        assertThat(startTimer().getDuedate().toInstant()).as("2026-12-02 02:00 in Seoul")
                .isEqualTo(Instant.parse("2026-12-01T17:00:00Z"));
        List<HistoricProcessInstance> started = history.createHistoricProcessInstanceQuery().processDefinitionKey(PROCESS)
                .list().stream().filter(instance -> !earlier.contains(instance.getId())).toList();
        assertThat(started).as("one run started by the timer").hasSize(1);
        HistoricProcessInstance run = started.get(0);
        assertThat(run.getStartActivityId()).isEqualTo("StartEvent_DailyBackupTime");
        assertThat(run.getEndActivityId()).isEqualTo("EndEvent_BackupVerified");
        assertThat(variables(run)).containsEntry("backupFile", "routing_db_20261201.accdb").containsEntry("backupVerified", true);
        assertThat(backups().resolve("routing_db_20261201.accdb")).exists();
    }

    @Test
    void aBackupStartedByHandIsVerifiedAndTheModelsGetTheirManifests() throws Exception {
        ProcessInstance instance = runtime.startProcessInstanceByKey(PROCESS);
        runDueJobs();

        assertThat(instance).isEnded().hasPassed("StartEvent_DailyBackupTime", "Task_BackupDatabase", "Task_ApplyRetention",
                "Task_WriteModelManifests", "EndEvent_BackupVerified");
        HistoricProcessInstance run = history.createHistoricProcessInstanceQuery().processInstanceId(instance.getId())
                .singleResult();
        Map<String, Object> variables = variables(run);
        String name = "routing_db_" + start.atZone(ZONE).toLocalDate().format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE) + ".accdb";
        assertThat(variables).containsEntry("backupFile", name).containsEntry("backupVerified", true)
                .containsEntry("backupFailed", false);
        assertThat((String) variables.get("backupSummary")).contains("백업 검증됨", name, "보관 기간 정리", "모델 체크섬 목록");
        assertThat(AccessFiles.open(backups().resolve(name)).rowCounts())
                .isEqualTo(AccessFiles.open(standinSettings.dir().resolve(DemoDatabase.FILE)).rowCounts());
        assertThat(run(backups(), "sha256sum", "-c", name + ".sha256")).contains(name + ": OK");
        try (Stream<Path> versions = Files.list(standinSettings.dir().resolve("models"))) {
            for (Path version : versions.filter(path -> path.getFileName().toString().matches("v\\d{8}")).toList()) {
                assertThat(run(version, "md5sum", "-c", "checksums.md5")).contains("model.pkl: OK");
                assertThat(run(version, "sha256sum", "-c", "checksums.sha256")).contains("model.pkl: OK");
            }
        }
        assertThat(TestMail.received()).noneMatch(mail -> mail.subject().contains("백업 실패"));
    }

    @Test
    void aDamagedLiveDatabaseIsATaskForDevopsAndAMailAndTheTaskLapses() throws Exception {
        Path live = standinSettings.dir().resolve(DemoDatabase.FILE);
        try (RandomAccessFile file = new RandomAccessFile(live.toFile(), "rw")) {
            file.write(new byte[4096]);
        }
        List<String> before = names(backups());

        ProcessInstance instance = runtime.startProcessInstanceByKey(PROCESS);
        runDueJobs();

        assertThat(instance).isWaitingAt("UserTask_HandleBackupFailure").hasPassed("Task_MailBackupFailed");
        Task task = tasks.createTaskQuery().processInstanceId(instance.getId()).singleResult();
        assertThat(tasks.createTaskQuery().taskId(task.getId()).taskCandidateGroup("devops").count()).isOne();
        assertThat(task.getDueDate()).isNotNull();
        assertThat(task.getDueDate().toInstant()).isAfter(ClockUtil.getCurrentTime().toInstant());
        assertThat((String) runtime.getVariable(instance.getId(), "backupFindings")).contains("원본 데이터베이스", "손상");
        assertThat((String) runtime.getVariable(instance.getId(), "backupAdvice")).contains("다시 실행");
        assertThat(names(backups())).as("nothing deleted, nothing half-written").isEqualTo(before);
        TestMail.Received mail = TestMail.received().stream().filter(m -> m.subject().contains("[백업 실패]")).findFirst()
                .orElseThrow(() -> new AssertionError("no backup-failed mail in " + TestMail.received()));
        assertThat(mail.to()).contains("devops@routing-ml.test");
        assertThat(mail.body()).contains("원본 데이터베이스", "손상", "작업 기한");
        String today = "routing_db_" + start.atZone(ZONE).toLocalDate().format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE) + ".accdb";
        assertThat((String) runtime.getVariable(instance.getId(), "backupFindings")).as("today's copy, unverified, stays")
                .contains(today, "그대로 둠");

        // The outage the damaged file is: Type 2 restores the demo's copy of this morning, within the RPO target.
        dev.recoveryorchestrator.incident.Incident incident = open(dev.recoveryorchestrator.incident.FailureType.DATABASE_UNREACHABLE);
        runDueJobs();
        assertThat(stepNotes(incident, "백업 확인")).as(() -> "timeline: " + incidents.timeline(incident.id()))
                .contains("백업 선택: " + today, "RPO 목표(24시간) 이내, 자동 복원");
        assertThat(incidents.find(incident.id()).orElseThrow().state())
                .isEqualTo(dev.recoveryorchestrator.incident.IncidentState.RECOVERED);

        advance(Duration.ofDays(3).plusMinutes(1));

        assertThat(instance).isEnded().hasPassed("BoundaryEvent_BackupTaskLapsed", "EndEvent_BackupTaskLapsed");
        HistoricProcessInstance run = history.createHistoricProcessInstanceQuery().processInstanceId(instance.getId())
                .singleResult();
        assertThat(variables(run)).containsEntry("backupTaskLapsed", true);
        assertThat((String) variables(run).get("backupSummary")).contains("기한 만료");
    }

    @Test
    void completingTheFailureTaskEndsTheRun() throws Exception {
        Files.delete(standinSettings.dir().resolve(DemoDatabase.FILE));
        ProcessInstance instance = runtime.startProcessInstanceByKey(PROCESS);
        runDueJobs();
        Task task = tasks.createTaskQuery().processInstanceId(instance.getId()).singleResult();

        tasks.complete(task.getId(), Map.of("backupHandledNote", "${x} #{x} $(id) ; id ../..\r\nBcc: x@example.com"));

        assertThat(instance).isEnded().hasPassed("EndEvent_BackupFailureHandled");
        assertThat(management.createJobQuery().processInstanceId(instance.getId()).count()).as("no timer left").isZero();
    }

    private Job startTimer() {
        return management.createJobQuery().processDefinitionKey(PROCESS).timers().list().stream()
                .filter(job -> job.getProcessInstanceId() == null).findFirst()
                .orElseThrow(() -> new AssertionError("no timer start job for " + PROCESS));
    }

    private Path backups() {
        return standinSettings.dir().resolve(DemoDatabase.BACKUPS);
    }

    private Map<String, Object> variables(HistoricProcessInstance run) {
        return history.createHistoricVariableInstanceQuery().processInstanceId(run.getId()).list().stream()
                .filter(variable -> variable.getValue() != null)
                .collect(Collectors.toMap(HistoricVariableInstance::getName, HistoricVariableInstance::getValue));
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }

    private static String run(Path dir, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
        return output;
    }
}
