package dev.recoveryorchestrator.report;

import dev.recoveryorchestrator.config.Durations;
import dev.recoveryorchestrator.incident.Incident;
import dev.recoveryorchestrator.incident.IncidentService;
import dev.recoveryorchestrator.incident.IncidentSteps;
import dev.recoveryorchestrator.incident.TimelineCode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.springframework.stereotype.Component;

/**
 * Whether a recovered incident is worth a person's review (사후 검토), decided once, when it recovers. A review costs
 * the DevOps lead two tasks and the CTO a mail; an automatic recovery of a few seconds that nobody touched teaches
 * nothing the timeline and the report do not already say, and asking for one anyway buries the reviews that matter
 * (devops1 had 18 open review tasks after one demo tour). A review is asked for when any of these holds:
 * <ol>
 * <li>a person opened the incident (the API, or a person's reclassification: {@code openedBy} is a user, not the
 * monitor, an alert or the orchestrator);</li>
 * <li>a person completed, claimed or was assigned any of its tasks — the lifecycle's, the runbook's, tracked work's,
 * which covers every approval and every choice — as the engine's history keeps them (completed tasks, and assignees
 * in the identity-link history, so a claim given back still counts);</li>
 * <li>it escalated past the first tier: the engine's history has more than one tier task of its lifecycle;</li>
 * <li>its downtime was longer than {@code recovery.review.min-downtime} (PT5M).</li>
 * </ol>
 * Otherwise no review is asked: the report is still written, and the timeline and the report say why no review was
 * asked ({@link IncidentSteps#NOT_ASKED}).
 */
@Component
class ReviewRule {

    /** The lifecycle's tier tasks ({@code SubProcess_Escalation}): one per tier that joined. */
    static final Set<String> TIER_TASKS = Set.of("UserTask_TierResponse", "UserTask_DecideExternalSupport");
    private static final int MAX_REASONS = 3;

    private final HistoryService history;
    private final ReviewSettings settings;

    ReviewRule(HistoryService history, ReviewSettings settings) {
        this.history = history;
        this.settings = settings;
    }

    /**
     * What the rule says of the recovered {@code incident}.
     *
     * @return asked or not, with the reasons in Korean for the timeline and the report
     */
    Decision decide(Incident incident) {
        List<String> reasons = new ArrayList<>();
        if (incident.openedBy() != null && !incident.openedBy().isBlank()
                && !IncidentService.SYSTEM.equals(incident.openedBy())) {
            reasons.add(incident.openedBy() + "이(가) 장애를 등록함");
        }
        List<HistoricTaskInstance> tasks = history.createHistoricTaskInstanceQuery()
                .processInstanceBusinessKey(incident.id()).orderByHistoricActivityInstanceStartTime().asc().list()
                .stream().filter(task -> !ReviewProcess.KEY.equals(task.getProcessDefinitionKey())).toList();
        for (HistoricTaskInstance task : tasks) {
            if ("completed".equals(task.getDeleteReason())) {
                reasons.add("작업 완료: " + task.getName() + by(task));
            } else if (task.getAssignee() != null || history.createHistoricIdentityLinkLogQuery().taskId(task.getId())
                    .type(IdentityLinkType.ASSIGNEE).count() > 0) {
                reasons.add("작업을 맡음: " + task.getName() + by(task));
            }
        }
        long tiers = tasks.stream().filter(task -> TIER_TASKS.contains(task.getTaskDefinitionKey())).count();
        if (tiers > 1) {
            reasons.add("첫 단계 다음으로 에스컬레이션됨 (" + tiers + "단계 합류)");
        }
        Duration downtime = incident.downtime() == null ? Duration.ZERO : incident.downtime();
        String measured = "다운타임 " + Durations.words(downtime) + " (기준 " + Durations.words(settings.minDowntime());
        if (downtime.compareTo(settings.minDowntime()) > 0) {
            reasons.add(measured + " 초과)");
        }
        if (reasons.isEmpty()) {
            return new Decision(false, IncidentSteps.AUTOMATIC + ", " + measured + " 이하)");
        }
        List<String> shown = reasons.size() <= MAX_REASONS ? reasons : reasons.subList(0, MAX_REASONS);
        return new Decision(true, String.join(", ", shown) + (reasons.size() > MAX_REASONS
                ? " 외 " + (reasons.size() - MAX_REASONS) + "건" : ""));
    }

    private static String by(HistoricTaskInstance task) {
        return task.getAssignee() == null ? "" : " (" + task.getAssignee() + ")";
    }

    /**
     * @param asked whether the review's tasks are created
     * @param why the reasons, in Korean
     */
    record Decision(boolean asked, String why) {

        /** The code of its timeline entry: the checklist and the report read it, not the words. */
        TimelineCode code() {
            return asked ? TimelineCode.REVIEW_ASKED : TimelineCode.REVIEW_NOT_ASKED;
        }

        /** The timeline entry under {@link IncidentSteps#REVIEW}: {@code 요청함: …} or {@code 요청 안 함: …}. */
        String note() {
            return (asked ? IncidentSteps.ASKED : IncidentSteps.NOT_ASKED) + ": " + why;
        }
    }
}
