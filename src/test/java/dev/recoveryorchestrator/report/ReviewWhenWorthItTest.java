package dev.recoveryorchestrator.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recoveryorchestrator.EngineTestSupport;
import dev.recoveryorchestrator.incident.ChecklistItem;
import dev.recoveryorchestrator.incident.FailureType;
import dev.recoveryorchestrator.incident.Incident;
import dev.recoveryorchestrator.incident.IncidentRequest;
import dev.recoveryorchestrator.incident.IncidentState;
import dev.recoveryorchestrator.incident.IncidentSteps;
import dev.recoveryorchestrator.incident.Scope;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A review is asked for when it is worth a person's time (ReviewRule): a person took part, or the downtime passed
 * {@code recovery.review.min-downtime} (PT5M). An automatic blip asks nobody, and its report still says what happened
 * and why no review was asked.
 */
class ReviewWhenWorthItTest extends EngineTestSupport {

    @Autowired
    IdentityService identity;

    @AfterEach
    void nobodyLoggedIn() {
        identity.clearAuthentication();
    }

    @Test
    void anAutomaticRecoveryInSecondsAsksNoReviewYetItsReportIsWrittenAndSaysWhy() throws Exception {
        killStandin();
        Incident incident = open(FailureType.BACKEND_API_DOWN);
        // the runbook runs 3 s after the failure began: the downtime ends at its first passing health check
        advance(Duration.ofSeconds(3));

        Incident recovered = recovered(incident);
        assertThat(recovered.downtime()).isEqualTo(Duration.ofSeconds(3));
        assertThat(reviewTasks(incident)).as("no review task for an automatic blip").isEmpty();
        assertThat(reviewEndedAt(incident, "EndEvent_NoReview")).isTrue();
        assertThat(stepNotes(incident, IncidentSteps.REVIEW))
                .isEqualTo("요청 안 함: 사람이 관여하지 않은 자동 복구, 다운타임 3초 (기준 5분 이하)");
        List<String> reports = jdbc.queryForList("select content from ro_incident_report where incident_id = ?",
                String.class, incident.id());
        assertThat(reports).singleElement().satisfies(report -> assertThat(report)
                .contains(ReportText.NO_REVIEW_MARK + "사람이 관여하지 않은 자동 복구, 다운타임 3초 (기준 5분 이하)")
                .doesNotContain(ReportText.DRAFT_MARK, "(사후 검토 전)")
                .contains("- **다운타임**: 3초"));
        assertThat(incidents.checklist(incident.id())).filteredOn(item -> item.id().equals("prevention-measures")
                || item.id().equals("docs-updated")).hasSize(2).allSatisfy(item -> {
                    assertThat(item.applicable()).isFalse();
                    assertThat(item.evidence()).startsWith("해당 없음 (사후 검토 요청 안 함: ");
                });
        assertThat(incidents.checklist(incident.id())).filteredOn(ChecklistItem::applicable)
                .allMatch(ChecklistItem::done);
    }

    @Test
    void anAutomaticRecoveryWhoseDowntimePassedTheSettingAsksForAReview() throws Exception {
        killStandin();
        Incident incident = incidents.open(new IncidentRequest(FailureType.BACKEND_API_DOWN, Scope.WHOLE,
                "test", "health-monitor", null, start.minus(Duration.ofMinutes(10)))).incident();
        advance(Duration.ofSeconds(3));

        assertThat(recovered(incident).downtime()).isEqualTo(Duration.ofMinutes(10).plusSeconds(3));
        assertThat(reviewTasks(incident)).extracting(Task::getTaskDefinitionKey)
                .containsExactlyInAnyOrder("UserTask_Review", "UserTask_UpdateDocs");
        assertThat(stepNotes(incident, IncidentSteps.REVIEW)).startsWith("요청함: 다운타임 10분 3초 (기준 5분 초과)");
    }

    @Test
    void aShortRecoveryInWhichAPersonCompletedATaskAsksForAReview() throws Exception {
        breakStandin();
        Incident incident = open(FailureType.BACKEND_API_DOWN);
        runDueJobs();
        healStandin();
        Task manual = tasks.createTaskQuery().processInstanceBusinessKey(incident.id())
                .taskDefinitionKey("UserTask_ManualRecovery").singleResult();
        identity.setAuthentication("devops1", List.of("devops"));
        tasks.complete(manual.getId(), Map.of("decision", "restart"));
        identity.clearAuthentication();
        runDueJobs();
        advance(Duration.ofSeconds(3));

        assertThat(recovered(incident).downtime()).isLessThan(Duration.ofMinutes(1));
        assertThat(reviewTasks(incident)).hasSize(2);
        assertThat(stepNotes(incident, IncidentSteps.REVIEW)).startsWith("요청함: 작업 완료: " + manual.getName());
    }

    @Test
    void aShortRecoveryOfAnIncidentAPersonOpenedAsksForAReview() throws Exception {
        killStandin();
        Incident incident = incidents.open(new IncidentRequest(FailureType.BACKEND_API_DOWN, Scope.PARTIAL,
                "프론트엔드 서버 연결 실패", "helpdesk", "devops1")).incident();
        runDueJobs();
        advance(Duration.ofSeconds(3));

        assertThat(recovered(incident).downtime()).isLessThan(Duration.ofMinutes(1));
        assertThat(reviewTasks(incident)).hasSize(2);
        assertThat(stepNotes(incident, IncidentSteps.REVIEW)).startsWith("요청함: devops1이(가) 장애를 등록함");
    }

    private Incident recovered(Incident incident) {
        Incident recovered = incidents.find(incident.id()).orElseThrow();
        assertThat(recovered.state()).isEqualTo(IncidentState.RECOVERED);
        return recovered;
    }

    private List<Task> reviewTasks(Incident incident) {
        return tasks.createTaskQuery().processDefinitionKey(ReviewProcess.KEY).processInstanceBusinessKey(incident.id())
                .list();
    }

    private boolean reviewEndedAt(Incident incident, String endEvent) {
        HistoricProcessInstance review = history.createHistoricProcessInstanceQuery()
                .processDefinitionKey(ReviewProcess.KEY).processInstanceBusinessKey(incident.id()).singleResult();
        return review != null && review.getEndTime() != null && history.createHistoricActivityInstanceQuery()
                .processInstanceId(review.getId()).activityId(endEvent).count() == 1;
    }
}
