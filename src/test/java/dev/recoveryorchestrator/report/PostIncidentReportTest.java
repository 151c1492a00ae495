package dev.recoveryorchestrator.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.recoveryorchestrator.EngineTestSupport;
import dev.recoveryorchestrator.HostileValues;
import dev.recoveryorchestrator.TestHttp;
import dev.recoveryorchestrator.TestMail;
import dev.recoveryorchestrator.TestMail.Received;
import dev.recoveryorchestrator.incident.FailureType;
import dev.recoveryorchestrator.incident.Incident;
import dev.recoveryorchestrator.incident.IncidentState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The runbook's post-incident report, end to end: a Type 1 incident that a restart does not fix goes through two
 * tiers (DevOps, then Backend at 30 minutes), is recovered by a person's restart, gets its draft report at once, and
 * its final report when the DevOps lead's review is done — compared with the runbook's template section by section.
 * Review text with Markdown in it (a lesson that says "\n## 원인") stays text.
 */
class PostIncidentReportTest extends EngineTestSupport {

    static final List<String> TEMPLATE = List.of("# Incident Report: ", "## 개요", "## 원인", "## 복구 과정",
            "## 재발 방지 대책", "## 교훈");

    @Autowired
    IdentityService identity;

    @AfterEach
    void nobodyLoggedIn() {
        identity.clearAuthentication();
    }

    @Test
    void aTwoTierIncidentWithAReviewGetsTheRunbooksReportDraftThenFinal() throws Exception {
        breakStandin();
        Incident incident = open(FailureType.BACKEND_API_DOWN);
        runDueJobs();
        advanceTo(Duration.ofMinutes(30));
        Task backendTask = tasks.createTaskQuery().processInstanceBusinessKey(incident.id())
                .taskDefinitionKey("UserTask_TierResponse").taskCandidateGroup("backend").singleResult();
        as("backend1", "backend", () -> tasks.complete(backendTask.getId(), Map.of("note", "로그 확인, 설정 이상 없음")));
        advanceTo(Duration.ofMinutes(45));
        healStandin();
        Task manual = tasks.createTaskQuery().taskDefinitionKey("UserTask_ManualRecovery").singleResult();
        as("devops1", "devops", () -> tasks.complete(manual.getId(), Map.of("decision", "restart")));
        TestMail.purge();
        runDueJobs();
        advance(Duration.ofSeconds(3));

        Incident recovered = incidents.find(incident.id()).orElseThrow();
        assertThat(recovered.state()).isEqualTo(IncidentState.RECOVERED);
        currentIncident = incident;
        String day = recovered.openedAt().atZone(ZoneId.of("Asia/Seoul")).toLocalDate().toString();
        Path draftFile = reportFiles().get(0);
        assertThat(draftFile.getFileName().toString()).matches(day + "(-\\d+)?-draft\\.md");
        assertThat(draftFile).exists();
        String draft = Files.readString(draftFile);
        assertThat(draft).contains(ReportText.DRAFT_MARK);
        assertThat(sections(draft).keySet()).startsWith(TEMPLATE.get(0) + day).containsSubsequence(TEMPLATE.subList(1, 6));
        TestHttp api = TestHttp.on(port).as("admin", "admin");
        TestHttp.Response served = api.get("/api/incidents/" + incident.id() + "/report");
        assertThat(served.contentType()).startsWith("text/markdown");
        assertThat(served.body()).isEqualTo(draft);
        assertThat(mailTo("[사후 보고서 초안]")).as("the tiers involved and the users, not IT or the CTO")
                .containsExactlyInAnyOrder("users@routing-ml.test", "devops@routing-ml.test", "backend@routing-ml.test");
        assertThat(mailTo("[사후 검토 요청]")).as("the review and the documents")
                .containsExactly("devops@routing-ml.test", "devops@routing-ml.test");
        assertThat(mailTo("[사후 검토 진행]")).as("the CTO informed").containsExactly("cto@routing-ml.test");
        assertThat(openResponseTasks(incident.id())).as("nothing of the response is held open by the review").isZero();

        Task review = reviewTask("UserTask_Review");
        assertThat(review.getName()).startsWith("[" + Incident.shortId(incident.id()) + "] 사후 검토");
        assertThat(review.getDueDate()).isNotNull();
        assertThat(review.getFollowUpDate()).isBefore(review.getDueDate());
        as("devops1", "devops", () -> tasks.complete(review.getId(), Map.of(
                "cause", "설정 파일 오류로 /api/health가 503을 반환함",
                "measures", "헬스 체크 경보 임계값 조정\n- [ ] 설정 변경 리뷰 필수화",
                "lessons", "재시작 전에 설정을 먼저 볼 것\n## 원인\n<!channel> [링크](http://evil.example) ![x](y)")));
        as("devops1", "devops", () -> tasks.complete(reviewTask("UserTask_UpdateDocs").getId(),
                Map.of("docsNote", "런북 Type 1에 설정 확인 단계 추가")));
        TestMail.purge();
        runDueJobs();

        Path finalFile = reportFiles().get(1);
        assertThat(finalFile.getFileName().toString())
                .isEqualTo(draftFile.getFileName().toString().replace("-draft.md", ".md"));
        assertThat(finalFile).exists();
        assertThat(draftFile).as("the draft is kept").exists().content().isEqualTo(draft);
        String report = Files.readString(finalFile);
        Map<String, List<String>> sections = sections(report);
        assertThat(new ArrayList<>(sections.keySet()).subList(0, 6)).as("the template's sections, in its order")
                .containsExactly("# Incident Report: " + day, "## 개요", "## 원인", "## 복구 과정", "## 재발 방지 대책",
                        "## 교훈");
        assertThat(report).doesNotContain(ReportText.DRAFT_MARK);
        assertThat(sections.get("## 개요")).containsExactly(
                "- **발생 시각**: " + minute(recovered.openedAt()),
                "- **복구 시각**: " + minute(recovered.recoveredAt()),
                "- **다운타임**: " + dev.recoveryorchestrator.config.Durations.words(recovered.downtime()),
                "- **영향 범위**: 전체");
        assertThat(sections.get("## 개요").get(2)).matches("- \\*\\*다운타임\\*\\*: 4\\d분( \\d{1,2}초)?");
        assertThat(sections.get("## 원인")).containsExactly("설정 파일 오류로 /api/health가 503을 반환함");
        List<String> steps = sections.get("## 복구 과정");
        for (int i = 0; i < steps.size(); i++) {
            assertThat(steps.get(i)).as("numbered, with time, actor and outcome")
                    .matches((i + 1) + "\\. \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d - .+ \\(.+\\): .*");
        }
        assertThat(steps).anyMatch(s -> s.contains("현재 시각 기록 (시스템)"))
                .anyMatch(s -> s.contains("에스컬레이션 (backend1)"))
                .anyMatch(s -> s.contains("수동 복구 (devops1): 선택: restart"))
                .anyMatch(s -> s.contains("복구 완료 (시스템)"))
                .noneMatch(s -> s.contains("메일"));
        assertThat(sections.get("## 재발 방지 대책")).containsExactly("- [ ] 헬스 체크 경보 임계값 조정",
                "- [ ] 설정 변경 리뷰 필수화");
        assertThat(sections.get("## 교훈")).as("a heading in a lesson stays text")
                .contains("\\#\\# 원인  ").noneMatch(line -> line.startsWith("#"))
                .anyMatch(line -> line.contains("\\<\\!channel\\>") && line.contains("\\[링크\\](http"));
        assertThat(report.lines().filter(line -> line.equals("## 원인")).count()).isOne();
        assertThat(sections.get("### 부록: 복구 체크리스트")).filteredOn(line -> line.startsWith("- ["))
                .hasSize(16).allMatch(line -> line.startsWith("- [x] ")
                || line.contains("백업 확인: 해당 없음") || line.endsWith("담당자 확인 (ACK)"));
        assertThat(mailTo("[사후 보고서 확정본]")).containsExactlyInAnyOrder("users@routing-ml.test",
                "devops@routing-ml.test", "backend@routing-ml.test");
        assertThat(api.get("/api/incidents/" + incident.id() + "/report").body()).isEqualTo(report);

        JsonNode detail = api.get("/api/incidents/" + incident.id()).json();
        assertThat(detail.get("inWords").get("timeZone").asText()).isEqualTo("Asia/Seoul");
        assertThat(detail.get("inWords").get("downtime").asText()).matches("4\\d분( \\d{1,2}초)?");
        assertThat(detail.get("inWords").get("downtimeIso").asText()).startsWith("PT4");
        List<JsonNode> checklist = StreamSupport.stream(detail.get("checklist").spliterator(), false).toList();
        assertThat(checklist).extracting(item -> item.get("id").asText()).containsExactly("record-time",
                "identify-type", "identify-scope", "notify-users", "acknowledged", "log-snapshot", "cause-identified", "method-chosen",
                "backup-checked", "recovery-command", "health-passed", "service-normal", "notify-recovery",
                "report-written", "prevention-measures", "docs-updated");
        // nobody claimed a task nor acknowledged: that line alone stays open
        assertThat(checklist).filteredOn(item -> item.get("applicable").asBoolean())
                .filteredOn(item -> !item.get("id").asText().equals("acknowledged"))
                .allMatch(item -> item.get("done").asBoolean());
        assertThat(checklist).filteredOn(item -> item.get("id").asText().equals("prevention-measures"))
                .singleElement().satisfies(item -> assertThat(item.get("actor").asText()).isEqualTo("devops1"));
        assertThat(detail.get("timeline")).anyMatch(entry -> "backend1".equals(entry.path("actor").asText()));
    }

    @Test
    void aReviewWithoutCauseOrMeasuresIsRefusedAndHostileTextIsRefusedOrKeptAsText() throws Exception {
        Incident incident = recoveredIncident();
        Task review = reviewTask("UserTask_Review");

        assertThatThrownBy(() -> tasks.complete(review.getId(), Map.of("cause", "", "measures", "a")))
                .hasMessageContaining("원인");
        assertThatThrownBy(() -> tasks.complete(review.getId(), Map.of("cause", "x", "measures", " ; ")))
                .hasMessageContaining("재발 방지 대책");
        assertThatThrownBy(() -> tasks.complete(review.getId(), Map.of("cause", "a\u0000b", "measures", "a")))
                .hasMessageContaining("control");
        assertThatThrownBy(() -> tasks.complete(review.getId(), Map.of("cause", "x".repeat(100_000), "measures", "a")))
                .hasMessageContaining("longer");
        tasks.complete(review.getId(), Map.of("cause", HostileValues.TEXT, "measures",
                "${x}; #{x}; $(id); ../..; | a | b |", "lessons", "---\n===\n1. x\n> quote\n    code"));
        tasks.complete(reviewTask("UserTask_UpdateDocs").getId(), Map.of());
        runDueJobs();

        assertThat(reportFiles()).as("reports; review %s; activities %s",
                jdbc.queryForList("select * from ro_incident_review"),
                history.createHistoricActivityInstanceQuery().list().stream()
                        .filter(a -> ReviewProcess.KEY.equals(a.getProcessDefinitionKey()))
                        .map(a -> a.getActivityId()).toList()).hasSize(2);
        String report = Files.readString(reportFiles().get(1));
        assertThat(sections(report).get("## 원인").get(0)).contains("${x}", "\\#{x}", "$(id)");
        assertThat(sections(report).get("## 재발 방지 대책")).containsExactly("- [ ] ${x}", "- [ ] \\#{x}",
                "- [ ] $(id)", "- [ ] ../..", "- [ ] \\| a \\| b \\|");
        assertThat(sections(report).get("## 교훈")).containsExactly("\\---  ", "\\===  ", "1\\. x  ", "\\> quote  ",
                "code");
        assertThat(incidents.find(incident.id()).orElseThrow().state()).isEqualTo(IncidentState.RECOVERED);
    }

    @Test
    void unansweredReviewTasksAreRemindedThenLapseAndTheReportStaysADraft() throws Exception {
        Incident incident = recoveredIncident();
        TestMail.purge();

        advance(Duration.ofDays(1).plusMinutes(1));
        assertThat(mailTo("[사후 검토 알림]")).as("one reminder per open task, to its holders")
                .containsExactly("devops@routing-ml.test", "devops@routing-ml.test");
        advance(Duration.ofDays(14));

        assertThat(tasks.createTaskQuery().processInstanceBusinessKey(incident.id()).list())
                .extracting(Task::getName).isEmpty();
        assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(incident.id()).count()).isZero();
        assertThat(reportFiles()).singleElement().satisfies(p -> assertThat(p.toString()).endsWith("-draft.md"));
        assertThat(incidents.timeline(incident.id())).anyMatch(e -> e.step().equals("사후 검토")
                && e.detail().startsWith("기한 만료"));
        assertThat(TestHttp.on(port).as("admin", "admin").get("/api/incidents/" + incident.id() + "/report").body())
                .contains(ReportText.DRAFT_MARK);
    }

    @Test
    void aSecondIncidentTheSameDayGetsTheNextNameAndNothingIsOverwritten() throws Exception {
        Path reports = WORK.resolve("incident_reports");
        Files.createDirectories(reports);
        String day = start.atZone(ZoneId.of("Asia/Seoul")).toLocalDate().toString();
        Path someoneElses = reports.resolve(day + "-draft.md");
        boolean planted = !Files.exists(someoneElses);
        if (planted) {
            Files.writeString(someoneElses, "written by hand");
        }
        try {
            Incident incident = recoveredIncident();
            String fileName = jdbc.queryForObject("select file_name from ro_incident_report where incident_id = ?",
                    String.class, incident.id());
            assertThat(fileName).matches(day + "-\\d+-draft\\.md");
            if (planted) {
                assertThat(someoneElses).content().isEqualTo("written by hand");
            }
        } finally {
            if (planted) {
                Files.deleteIfExists(someoneElses);
            }
        }
    }

    /** An automatic recovery in seconds, reviewed because devops1 claimed the DevOps tier's task meanwhile. */
    private Incident recoveredIncident() throws Exception {
        killStandin();
        Incident incident = open(FailureType.BACKEND_API_DOWN);
        Task tier = runDueJobsUntil(() -> tasks.createTaskQuery().processInstanceBusinessKey(incident.id())
                .taskDefinitionKey("UserTask_TierResponse").singleResult());
        as("devops1", "devops", () -> tasks.claim(tier.getId(), "devops1"));
        advance(Duration.ofSeconds(3));
        assertThat(incidents.find(incident.id()).orElseThrow().state()).isEqualTo(IncidentState.RECOVERED);
        currentIncident = incident;
        return incident;
    }

    private Incident currentIncident;

    private List<Path> reportFiles() {
        String id = currentIncident.id();
        return jdbc.queryForList("select file_name from ro_incident_report where incident_id = ? order by version",
                String.class, id).stream().map(name -> WORK.resolve("incident_reports").resolve(name)).toList();
    }

    private Task reviewTask(String key) {
        return tasks.createTaskQuery().processDefinitionKey(ReviewProcess.KEY).taskDefinitionKey(key).singleResult();
    }

    private void as(String user, String group, Runnable action) {
        identity.setAuthentication(user, List.of(group));
        try {
            action.run();
        } finally {
            identity.clearAuthentication();
        }
    }

    private static List<String> mailTo(String subjectStart) {
        return TestMail.received().stream().filter(m -> m.subject().startsWith(subjectStart))
                .flatMap(m -> m.to().stream()).toList();
    }

    private static String minute(java.time.Instant at) {
        return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.of("Asia/Seoul"))
                .format(at);
    }

    /** Headings (lines starting with #) with the non-empty lines under each. */
    static Map<String, List<String>> sections(String markdown) {
        Map<String, List<String>> sections = new LinkedHashMap<>();
        List<String> current = null;
        for (String line : markdown.lines().toList()) {
            if (line.startsWith("#")) {
                current = new ArrayList<>();
                sections.put(line, current);
            } else if (current != null && !line.isBlank() && !line.equals("---") && !line.startsWith("> ")) {
                current.add(line);
            }
        }
        return sections;
    }
}
