package dev.recoveryorchestrator.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import dev.recoveryorchestrator.EngineTestSupport;
import dev.recoveryorchestrator.TestHttp;
import dev.recoveryorchestrator.TestMail;
import dev.recoveryorchestrator.TestMail.Received;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;

/**
 * {@code incident-lifecycle.bpmn}: the checklist's first steps, the runbook call, escalation through every tier
 * as time passes, the RTO breaches, and a recovery that leaves nothing open.
 */
class IncidentLifecycleProcessTest extends EngineTestSupport {

    @Test
    void recoversAutomaticallyAndLeavesNothingOpen() throws Exception {
        killStandin();
        Incident incident = open(FailureType.BACKEND_API_DOWN);
        ProcessInstance lifecycle = lifecycleOf(incident);

        advance(Duration.ofSeconds(3));

        assertThat(lifecycle).as("recovered at the passing health check; the log watch runs on in its own process")
                .isEnded().hasPassedInOrder("Task_RecordIncident", "SendTask_NotifyUsersOpened",
                "CallActivity_Runbook", "Task_VerifyRecovery", "EndEvent_Recovered", "Task_RecordRecovery",
                "SendTask_NotifyUsersRecovered", "EndEvent_ServiceRestored");
        assertThat(lifecycle).hasPassed("Task_TakeLogSnapshot", "UserTask_TierResponse")
                .hasNotPassed("SendTask_NotifyRtoTargetBreached", "Task_MarkCritical");
        Incident recovered = incidents.find(incident.id()).orElseThrow();
        assertThat(recovered.state()).isEqualTo(IncidentState.RECOVERED);
        assertThat(recovered.recoveredAt()).isEqualTo(start.plusSeconds(3));
        assertThat(recovered.downtime()).isEqualTo(Duration.ofSeconds(3));
        assertThat(openResponseTasks(null)).as("open tasks").isZero();
        assertThat(processJobs()).as("only the log watch's timer is left").extracting(job -> job.getProcessDefinitionKey())
                .containsExactly("backend-log-watch");
        advance(Duration.ofSeconds(3));
        assertThat(processJobs()).as("timers and jobs left").isEmpty();
        assertThat(standin.process()).as("stand-in restarted").isPresent();

        List<Received> mails = TestMail.received();
        assertThat(mails).extracting(Received::subject).as("no review for a blip (WhoGetsWhichMailTest)").hasSize(3);
        assertThat(mail(mails, "[장애 발생]").to()).containsExactly("users@routing-ml.test");
        assertThat(mail(mails, "[에스컬레이션: DevOps").to()).containsExactly("devops@routing-ml.test");
        Received restored = mail(mails, "[복구 완료]");
        assertThat(restored.to()).containsExactlyInAnyOrder("users@routing-ml.test", "devops@routing-ml.test");
        assertThat(restored.body()).contains("다운타임: 3초", "복구 방법: 서비스 재시작", incident.id());

        Path snapshot = WORK.resolve("snapshots").resolve("incident_"
                + DateTimeFormatter.ofPattern("yyyyMMdd_HHmm").withZone(ZoneId.of("Asia/Seoul")).format(start) + ".log");
        assertThat(snapshot).exists();
        assertThat(Files.readString(snapshot)).contains("Uvicorn running");
        assertThat(incidents.timeline(incident.id())).extracting(TimelineEntry::step)
                .contains("현재 시각 기록", "장애 유형 확인", "영향 범위 확인", "로그 스냅샷", "프로세스 확인", "로그 확인",
                        "포트 상태 확인", "서비스 재시작", "헬스 체크", "로그 모니터링", "헬스 체크 통과 확인", "복구 완료");
    }

    @Test
    void escalatesThroughEveryTierWhileUnresolvedAndClosesEverythingOnRecovery() throws Exception {
        breakStandin();
        Incident incident = open(FailureType.BACKEND_API_DOWN);
        ProcessInstance lifecycle = lifecycleOf(incident);
        runDueJobs();

        assertThat(tierTasks()).extracting(this::group).containsExactly("devops");
        assertThat(tasks.createTaskQuery().taskDefinitionKey("UserTask_ManualRecovery").count()).isOne();
        assertThat(subjects()).anyMatch(s -> s.startsWith("[장애 발생]")).anyMatch(s -> s.startsWith("[에스컬레이션: DevOps"));

        advanceTo(Duration.ofMinutes(29));
        assertThat(tierTasks()).extracting(this::group).containsExactly("devops");

        escalatesTo("backend", Duration.ofMinutes(30), "Backend 개발자 협의", "30분", "devops", "backend");
        escalatesTo("it", Duration.ofMinutes(60), "IT 팀 지원 요청", "1시간", "devops", "backend", "it");
        escalatesTo("cto", Duration.ofMinutes(120), "CTO 보고 및 외부 지원 검토", "2시간", "devops", "backend", "it", "cto");
        assertThat(incidents.find(incident.id()).orElseThrow().tier()).isEqualTo("cto");
        Task ctoTask = tierTasks().stream().filter(t -> "cto".equals(group(t))).findFirst().orElseThrow();
        assertThat(ctoTask.getTaskDefinitionKey()).isEqualTo("UserTask_DecideExternalSupport");
        tasks.complete(ctoTask.getId(), Map.of("externalSupport", "request", "note", "벤더 지원 요청함"));
        Task backendTask = tierTasks().stream().filter(t -> "backend".equals(group(t))).findFirst().orElseThrow();
        tasks.complete(backendTask.getId(), Map.of());
        assertThat(runtime.getVariable(lifecycle.getId(), "externalSupport")).isEqualTo("request");
        assertThat(runtime.getVariable(lifecycle.getId(), "note")).as("form fields stay in their task").isNull();
        assertThat(incidents.timeline(incident.id())).extracting(TimelineEntry::detail)
                .anyMatch(d -> d.contains("CTO 보고 및 외부 지원 검토 완료") && d.contains("외부 지원 요청") && d.contains("벤더 지원 요청함"))
                .anyMatch(d -> d.equals("Backend 개발자 협의 완료 (backend)"));

        TestMail.purge();
        advanceTo(Duration.ofHours(3));
        assertThat(mail(TestMail.received(), "[긴급: 최후 수단 승인 요청]").to()).as("the RTO fallback at 75 %")
                .containsExactly("cto@routing-ml.test");
        assertThat(TestMail.received()).hasSize(1);

        TestMail.purge();
        advanceTo(Duration.ofHours(4));
        Received rtoTarget = mail(TestMail.received(), "[RTO 목표 초과]");
        assertThat(rtoTarget.to()).containsExactly("cto@routing-ml.test");
        assertThat(subjects()).as("the breach, and the unanswered fallback asked again").hasSize(2)
                .anyMatch(subject -> subject.startsWith("[긴급: 최후 수단 승인 요청]"));
        assertThat(incidents.find(incident.id()).orElseThrow().critical()).isFalse();

        advanceTo(Duration.ofHours(8));
        assertThat(incidents.find(incident.id()).orElseThrow().critical()).isTrue();
        assertThat(mail(TestMail.received(), "[심각]").to()).containsExactlyInAnyOrder("users@routing-ml.test",
                "devops@routing-ml.test", "backend@routing-ml.test", "it@routing-ml.test", "cto@routing-ml.test");

        healStandin();
        Task manual = tasks.createTaskQuery().taskDefinitionKey("UserTask_ManualRecovery").singleResult();
        tasks.complete(manual.getId(), Map.of("decision", "restart"));
        runDueJobs();
        advance(Duration.ofSeconds(3));

        assertThat(lifecycle).isEnded();
        assertThat(openResponseTasks(null)).as("open tasks").isZero();
        assertThat(processJobs()).as("timers and jobs left").isEmpty();
        Incident recovered = incidents.find(incident.id()).orElseThrow();
        assertThat(recovered.state()).isEqualTo(IncidentState.RECOVERED);
        assertThat(recovered.downtime()).as("until the first passing check, not the end of the log watch")
                .isEqualTo(Duration.ofHours(8));
        assertThat(subjects()).anyMatch(s -> s.startsWith("[복구 완료]"));
    }

    @Test
    void recoveredIsCommittedBeforeTheMailsTheReportAndTheReviewRun() {
        killStandin();
        Incident incident = open(FailureType.BACKEND_API_DOWN);
        ProcessInstance lifecycle = lifecycleOf(incident);

        for (int job = 0; job < 200 && incidents.find(incident.id()).orElseThrow().state() == IncidentState.OPEN; job++) {
            List<org.camunda.bpm.engine.runtime.Job> due = management.createJobQuery().executable().list();
            if (due.isEmpty()) {
                org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.queryForObject(
                        "select count(*) from ro_background_work where state in ('PENDING', 'RUNNING')", Integer.class) == 0);
                due = management.createJobQuery().activityId("Timer_WaitForAction").list();
            }
            if (!due.isEmpty()) {
                management.executeJob(due.get(0).getId());
            }
        }

        assertThat(incidents.find(incident.id()).orElseThrow().state()).isEqualTo(IncidentState.RECOVERED);
        assertThat(lifecycle).as("the follow-ups wait for their own job").hasPassed("Task_RecordRecovery")
                .hasNotPassed("SendTask_NotifyUsersRecovered", "Task_RequestReview");
        assertThat(management.createJobQuery().processInstanceId(lifecycle.getId()).activityId("Task_RecordRecovery")
                .count()).isOne();

        runDueJobs();
        assertThat(lifecycle).hasPassed("SendTask_NotifyUsersRecovered", "Task_RequestReview");
    }

    @Test
    void aDevopsEngineerSeesDevopsTasksAndNotTheCtosWhileTheCtoOverseesEveryTask() throws Exception {
        breakStandin();
        open(FailureType.BACKEND_API_DOWN);
        runDueJobs();
        advanceTo(Duration.ofHours(2));

        TestHttp http = TestHttp.on(port);
        List<String> devopsSees = names(http.as("devops1", "demo").get("/engine-rest/task"));
        assertThat(devopsSees).anyMatch(n -> n.contains("DevOps 자체 해결 시도")).anyMatch(n -> n.contains("수동 복구"))
                .noneMatch(n -> n.contains("CTO")).noneMatch(n -> n.contains("Backend 개발자 협의"));
        List<String> ctoSees = names(http.as("cto1", "demo").get("/engine-rest/task"));
        // The approver tier reads every task of an open incident (the "모든 진행 중 장애" filter), not only its own.
        assertThat(ctoSees).hasSize(5).anyMatch(n -> n.contains("CTO 보고 및 외부 지원 검토"))
                .anyMatch(n -> n.contains("수동 복구")).anyMatch(n -> n.contains("Backend 개발자 협의"));
        assertThat(http.get("/engine-rest/task").status()).isEqualTo(401);
        assertThat(http.as("nobody", "wrong").get("/engine-rest/task").status()).isEqualTo(401);
    }

    private void escalatesTo(String group, Duration after, String taskName, String elapsed, String... open) {
        TestMail.purge();
        advanceTo(after);
        assertThat(tierTasks()).extracting(this::group).containsExactlyInAnyOrder(open);
        Task task = tierTasks().stream().filter(t -> group.equals(group(t))).findFirst().orElseThrow();
        assertThat(task.getName()).endsWith(taskName);
        assertThat(task.getDescription()).isNotBlank();
        Received mail = TestMail.received().get(0);
        assertThat(TestMail.received()).hasSize(1);
        assertThat(mail.to()).containsExactly(group + "@routing-ml.test");
        assertThat(mail.subject()).contains("경과 " + elapsed);
        assertThat(mail.body()).contains(taskName, "/camunda/app/tasklist/default/#/?task=" + task.getId(),
                "/camunda/app/cockpit/default/#/audit/process-instance/");
    }

    /** Jobs of process instances: timers, retries, unsent mail (the engine's own history cleanup job is not one). */
    private List<org.camunda.bpm.engine.runtime.Job> processJobs() {
        return management.createJobQuery().list().stream().filter(job -> job.getProcessInstanceId() != null)
                .filter(job -> !"incident-review".equals(job.getProcessDefinitionKey())).toList();
    }

    private List<Task> tierTasks() {
        return tasks.createTaskQuery().taskDefinitionKeyIn("UserTask_TierResponse", "UserTask_DecideExternalSupport").list();
    }

    private String group(Task task) {
        return tasks.getIdentityLinksForTask(task.getId()).stream()
                .filter(link -> link.getGroupId() != null).findFirst().orElseThrow().getGroupId();
    }

    private ProcessInstance lifecycleOf(Incident incident) {
        return runtime.createProcessInstanceQuery().processDefinitionKey(IncidentService.LIFECYCLE_PROCESS)
                .processInstanceBusinessKey(incident.id()).singleResult();
    }

    private List<String> subjects() {
        return TestMail.received().stream().map(Received::subject).toList();
    }

    static Received mail(List<Received> mails, String subjectStart) {
        return mails.stream().filter(m -> m.subject().startsWith(subjectStart)).findFirst()
                .orElseThrow(() -> new AssertionError("no mail '" + subjectStart + "' in " + mails.stream().map(Received::subject).toList()));
    }

    private static List<String> names(TestHttp.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return java.util.stream.StreamSupport.stream(response.json().spliterator(), false)
                .map(task -> task.get("name").asText()).toList();
    }

}
