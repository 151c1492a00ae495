package dev.recoveryorchestrator.inspection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.recoveryorchestrator.EngineTestSupport;
import dev.recoveryorchestrator.HostileValues;
import dev.recoveryorchestrator.TestHttp;
import dev.recoveryorchestrator.TestHttp.Response;
import dev.recoveryorchestrator.TestMail;
import dev.recoveryorchestrator.config.ZonedCronCalendar;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.management.JobDefinition;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The inspection processes on the engine: cron timers at the configured local time, each check its own recorded
 * step, tasks for failures with due dates and lapses, the report on the instance and in mail, the contact review
 * reaching the identity store, and {@code /api/inspections} over HTTP.
 * <p>
 * {@code inspection-drill} is helper C's; where the monthly process calls it, this test deploys a minimal
 * test-only model ({@code inspection/test-inspection-drill.bpmn}, not under {@code bpmn/}) that returns fixed outputs.
 */
class InspectionProcessTest extends EngineTestSupport {

    private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");

    @Autowired
    InspectionResults results;
    @Autowired
    IdentityService identity;

    private Deployment drill;

    @AfterEach
    void cleanUp() {
        jdbc.update("delete from ro_inspection_result");
        if (drill != null) {
            engine.getRepositoryService().deleteDeployment(drill.getId(), true);
        }
    }

    private void deployTestDrill() {
        drill = engine.getRepositoryService().createDeployment()
                .addClasspathResource("inspection/test-inspection-drill.bpmn").deploy();
    }

    private Job timerOf(String key) {
        for (JobDefinition definition : management.createJobDefinitionQuery().processDefinitionKey(key)
                .activityIdIn("StartEvent_Scheduled").list()) {
            management.activateJobDefinitionById(definition.getId(), true);
        }
        return management.createJobQuery().processDefinitionKey(key).timers().singleResult();
    }

    @Test
    void cronIsReadInTheConfiguredZoneNotTheJvms() {
        // 2026-11-29 is a Sunday; 10:00 in Seoul is 01:00 UTC, and 10:00 in Auckland is 21:00 UTC the day before.
        Date sunday = Date.from(ZonedDateTime.of(2026, 11, 29, 12, 0, 0, 0, SEOUL).toInstant());
        assertThat(new ZonedCronCalendar(SEOUL).resolveDuedate("0 0 10 * * MON", sunday, 0).toInstant())
                .isEqualTo(ZonedDateTime.of(2026, 11, 30, 10, 0, 0, 0, SEOUL).toInstant());
        ZoneId other = ZoneId.systemDefault().equals(ZoneId.of("Pacific/Auckland")) ? ZoneId.of("UTC")
                : ZoneId.of("Pacific/Auckland");
        assertThat(new ZonedCronCalendar(other).resolveDuedate("0 0 10 * * MON", sunday, 0).toInstant().atZone(other)
                .toLocalDateTime()).isEqualTo(LocalDateTime.of(2026, 11, 30, 10, 0));
        // Month ends: the 31st of January goes to the 1st of February; New Year's Eve to the 1st of January.
        ZonedCronCalendar seoul = new ZonedCronCalendar(SEOUL);
        assertThat(seoul.next("0 0 9 1 * *", Date.from(ZonedDateTime.of(2027, 1, 31, 9, 0, 0, 0, SEOUL).toInstant()))
                .toInstant()).isEqualTo(ZonedDateTime.of(2027, 2, 1, 9, 0, 0, 0, SEOUL).toInstant());
        assertThat(seoul.next("0 0 9 1 * *", Date.from(ZonedDateTime.of(2026, 12, 31, 23, 30, 0, 0, SEOUL).toInstant()))
                .toInstant()).isEqualTo(ZonedDateTime.of(2027, 1, 1, 9, 0, 0, 0, SEOUL).toInstant());
        assertThatThrownBy(() -> seoul.resolveDuedate("$(id) ${x}", sunday, 0)).hasMessageContaining("not a cron");
    }

    @Test
    void theWeeklyTimerFiresMondayTenInSeoulAndSchedulesTheNextWeek() {
        Job timer = timerOf(Inspections.WEEKLY);
        assertThat(timer.getDuedate().toInstant().atZone(SEOUL).getDayOfWeek()).isEqualTo(java.time.DayOfWeek.MONDAY);
        assertThat(timer.getDuedate().toInstant().atZone(SEOUL).toLocalTime()).isEqualTo(java.time.LocalTime.of(10, 0));

        ClockUtil.setCurrentTime(Date.from(ZonedDateTime.of(2026, 11, 30, 10, 0, 1, 0, SEOUL).toInstant()));
        management.executeJob(timer.getId());

        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(Inspections.WEEKLY).count()).isOne();
        Job next = management.createJobQuery().processDefinitionKey(Inspections.WEEKLY).timers().singleResult();
        assertThat(next.getDuedate().toInstant()).isEqualTo(ZonedDateTime.of(2026, 12, 7, 10, 0, 0, 0, SEOUL).toInstant());
    }

    @Test
    void theMonthlyTimerFiresOnTheFirstAtNineAfterAMonthEnd() {
        Job timer = timerOf(Inspections.MONTHLY);
        ZonedDateTime due = timer.getDuedate().toInstant().atZone(SEOUL);
        assertThat(due.getDayOfMonth()).isOne();
        assertThat(due.toLocalTime()).isEqualTo(java.time.LocalTime.of(9, 0));

        ClockUtil.setCurrentTime(Date.from(ZonedDateTime.of(2027, 2, 1, 9, 0, 5, 0, SEOUL).toInstant()));
        management.executeJob(timer.getId());

        Job next = management.createJobQuery().processDefinitionKey(Inspections.MONTHLY).timers()
                .activityId("StartEvent_Scheduled").singleResult();
        assertThat(next.getDuedate().toInstant()).isEqualTo(ZonedDateTime.of(2027, 3, 1, 9, 0, 0, 0, SEOUL).toInstant());
    }

    @Test
    void theWeeklyInspectionRecordsEachCheckReportsAndGivesATaskPerFailure() {
        ProcessInstance weekly = runtime.startProcessInstanceByKey(Inspections.WEEKLY);
        runDueJobs();

        List<InspectionResults.Recorded> recorded = results.ofInspection(weekly.getId());
        assertThat(recorded).extracting(r -> r.result().check()).containsExactly("health", "disk", "backup", "logs",
                "preflight");
        assertThat(recorded).allSatisfy(r -> assertThat(r.result().figures()).isNotBlank());
        assertThat(recorded.get(0).result().status()).as("the stand-in answers").isEqualTo(CheckResult.Status.PASS);

        String table = (String) history.createHistoricVariableInstanceQuery().processInstanceId(weekly.getId())
                .variableName("inspectionTable").singleResult().getValue();
        assertThat(table).startsWith("| 항목 | 결과 | 수치 | 발견 사항 |").contains("헬스 체크", "디스크 사용량", "최신 백업", "로그 크기");
        TestMail.Received mail = HostileValues.mail("[보고] 주간 점검");
        assertThat(mail.body()).contains("헬스 체크: 정상");

        long failed = recorded.stream().filter(r -> !r.result().passed()).count();
        List<Task> fixes = tasks.createTaskQuery().processInstanceId(weekly.getId()).taskDefinitionKey("Task_FixFinding")
                .list();
        assertThat(fixes).hasSize((int) failed);
        for (Task fix : fixes) {
            assertThat(fix.getName()).startsWith("점검 조치: ");
            assertThat(fix.getDescription()).contains("발견: ", "조치: ");
            assertThat(fix.getDueDate()).isEqualTo(Date.from(ClockUtil.getCurrentTime().toInstant().plus(Duration.ofDays(2))));
            assertThat(tasks.getIdentityLinksForTask(fix.getId())).anySatisfy(link ->
                    assertThat(link.getGroupId()).isEqualTo("devops"));
        }
        if (failed > 0) {
            advance(Duration.ofDays(15));
            assertThat(runtime.createProcessInstanceQuery().processInstanceId(weekly.getId()).count())
                    .as("unanswered tasks lapse").isZero();
            assertThat(results.ofInspection(weekly.getId())).anySatisfy(r ->
                    assertThat(r.result().finding()).contains("기한 안에 처리되지 않음"));
        } else {
            assertThat(runtime.createProcessInstanceQuery().processInstanceId(weekly.getId()).count()).isZero();
        }
    }

    @Test
    void aBrokenBackendIsAFailedCheckWithATaskAndTheInspectionGoesOn() throws Exception {
        breakStandin();
        ProcessInstance weekly = runtime.startProcessInstanceByKey(Inspections.WEEKLY);
        runDueJobs();

        CheckResult health = results.ofInspection(weekly.getId()).get(0).result();
        assertThat(health.status()).isEqualTo(CheckResult.Status.FAIL);
        assertThat(health.finding()).contains("헬스 체크 실패");
        assertThat(tasks.createTaskQuery().processInstanceId(weekly.getId()).taskNameLike("점검 조치: 헬스 체크%").count())
                .isOne();
        assertThat(management.createJobQuery().withException().count()).isZero();
    }

    @Test
    void theMonthlyInspectionRestoresCallsTheDrillAndAsksForTheReviews() {
        deployTestDrill();
        ProcessInstance monthly = runtime.startProcessInstanceByKey(Inspections.MONTHLY);
        runDueJobs();

        assertThat(results.ofInspection(monthly.getId())).extracting(r -> r.result().check()).contains("restore");
        String table = (String) runtime.getVariable(monthly.getId(), "inspectionTable");
        assertThat(table).contains("백업 복원 테스트", "DR 훈련 (훈련): 결과 recovered, 복구 42초 (RTO 목표 4시간)");
        assertThat(runtime.getVariable(monthly.getId(), "drillRecoverySeconds")).isEqualTo(42L);

        Task contacts = tasks.createTaskQuery().processInstanceId(monthly.getId()).taskDefinitionKey("Task_ReviewContacts")
                .singleResult();
        assertThat(contacts.getDescription()).contains("devops: DevOps <devops@routing-ml.test>");
        Task runbook = tasks.createTaskQuery().processInstanceId(monthly.getId()).taskDefinitionKey("Task_ReviewRunbook")
                .singleResult();
        assertThat(runbook.getDueDate()).isNotNull();

        // Hostile lines change nothing and leave the task open.
        for (String bad : List.of("devops1 ${x}@a.b", "devops1 devops1@routing-ml.local $(id)",
                "devops1 a@b.c\r\nBcc: evil@example.com", "../.. a@b.c", "devops1 a@b.c 010\u00001234",
                "nobody a@b.c", "cto1 attacker@example.com", "admin attacker@example.com", "x".repeat(100_000))) {
            assertThatThrownBy(() -> tasks.complete(contacts.getId(), java.util.Map.of("contactChanges", bad)))
                    .hasMessageContaining("contactChanges");
        }
        assertThat(identity.createUserQuery().userId("devops1").singleResult().getEmail())
                .doesNotContain("$", "evil");
        assertThat(identity.createUserQuery().userId("cto1").singleResult().getEmail())
                .as("the approver tier's mail cannot be redirected from a review").doesNotContain("attacker");
        assertThat(tasks.createTaskQuery().taskId(contacts.getId()).count()).isOne();

        tasks.complete(contacts.getId(), java.util.Map.of("contactChanges", "devops1 ops.lead@routing-ml.test 010-1234-5678"));
        assertThat(identity.createUserQuery().userId("devops1").singleResult().getEmail()).isEqualTo("ops.lead@routing-ml.test");
        assertThat(identity.getUserInfo("devops1", "phone")).isEqualTo("010-1234-5678");
        tasks.complete(runbook.getId(), java.util.Map.of("runbookUpToDate", true, "runbookNote", HostileValues.TEXT));

        assertThat(results.latest()).extracting(r -> r.result().check()).contains("contacts-review", "runbook-review");
        assertThat(results.latest()).filteredOn(r -> r.result().check().equals("runbook-review"))
                .allSatisfy(r -> assertThat(r.result().figures()).contains(HostileValues.TEXT));
    }

    @Test
    void theApiStartsOneAtATimeAndShowsTheTrends() {
        TestHttp devops = TestHttp.on(port).as("devops1", "demo");
        Response started = devops.post("/api/inspections/weekly", "{\"note\":\"" + HostileValues.TEXT.replace("\\", "\\\\")
                + "\"}");
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        String id = started.json().get("processInstanceId").asText();
        assertThat(runtime.getVariable(id, "requestNote")).isEqualTo(HostileValues.TEXT);

        Response again = devops.post("/api/inspections/weekly", "");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body()).contains(id);

        results.record("drill-1", "drill", new CheckResult("drill", "DR 훈련", CheckResult.Status.PASS, "복구 120 s",
                "", "", 120.0, 14400.0, "s", null, null));
        runDueJobs();
        Response afterReport = devops.post("/api/inspections/weekly", "");
        assertThat(afterReport.status()).as("the first has reported; only people's follow-ups may still wait: "
                + afterReport.body()).isEqualTo(202);
        runDueJobs();
        Response overview = TestHttp.on(port).as("admin", "admin").get("/api/inspections?limit=5");
        assertThat(overview.status()).as(overview.body()).isEqualTo(200);
        assertThat(overview.json().get("latest").findValuesAsText("check")).contains("health", "disk", "backup", "logs", "drill");
        assertThat(overview.json().get("drillRto").get(0).get("measured").asDouble()).isEqualTo(120.0);
        assertThat(overview.json().get("drillRto").get(0).get("target").asDouble()).isEqualTo(14400.0);
        assertThat(TestHttp.on(port).get("/api/inspections").status()).isEqualTo(401);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
            "unknown kind     | /api/inspections/$(id)  | {}                             | kind",
            "path traversal   | /api/inspections/..%2F.. | {}                             | kind",
            "NUL in note      | /api/inspections/weekly  | {\"note\":\"a\\u0000b\"}        | note",
            "long note        | /api/inspections/weekly  | LONG                           | note",
    })
    void badRequestsGetAProblemDetailAndStartNothing(String name, String path, String body, String field) {
        String json = "LONG".equals(body) ? "{\"note\":\"" + "x".repeat(100_000) + "\"}" : body;
        Response response = TestHttp.on(port).as("devops1", "demo").post(path, json);

        assertThat(response.status()).as(response.body()).isBetween(400, 404);
        // An encoded slash is refused by Tomcat itself (400, its own page) before any of our code sees it.
        if (response.status() == 400 && !path.contains("%2F")) {
            assertThat(response.json().get("field").asText()).isEqualTo(field);
        }
        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(Inspections.WEEKLY).count()).isZero();
    }

    @Test
    void badLimitsAndReadersWithoutRightsAreRefused() {
        for (String limit : List.of("0", "501", "$(id)", "${x}", "1;id")) {
            Response response = TestHttp.on(port).as("admin", "admin").get("/api/inspections?limit=" + limit
                    .replace("$", "%24").replace("{", "%7B").replace("}", "%7D").replace(";", "%3B").replace("(", "%28")
                    .replace(")", "%29"));
            assertThat(response.status()).as(limit).isEqualTo(400);
            assertThat(response.json().get("field").asText()).isEqualTo("limit");
        }
        org.camunda.bpm.engine.identity.User reader = identity.newUser("inspectionreader");
        reader.setPassword("reader-password");
        identity.saveUser(reader);
        try {
            assertThat(TestHttp.on(port).as("inspectionreader", "reader-password").post("/api/inspections/monthly", "")
                    .status()).isEqualTo(403);
            assertThat(TestHttp.on(port).as("inspectionreader", "reader-password").get("/api/inspections").status())
                    .isEqualTo(200);
        } finally {
            identity.deleteUser("inspectionreader");
        }
        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(Inspections.MONTHLY).count()).isZero();
    }
}
