package dev.recoveryorchestrator.escalation;

import dev.recoveryorchestrator.config.Durations;
import dev.recoveryorchestrator.config.EngineClock;
import dev.recoveryorchestrator.config.ProcessVariables;
import dev.recoveryorchestrator.incident.Actors;
import dev.recoveryorchestrator.incident.Incident;
import dev.recoveryorchestrator.incident.IncidentService;
import dev.recoveryorchestrator.incident.IncidentVariables;
import dev.recoveryorchestrator.incident.TimelineCode;
import dev.recoveryorchestrator.notify.Audience;
import dev.recoveryorchestrator.notify.Notifier;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.task.IdentityLink;
import org.springframework.stereotype.Component;

/**
 * The RTO fallback's approval tasks (최후 수단 승인), in the one process {@code rto-fallback-approval} every runbook calls
 * (docs/architecture.md, "The RTO fallback"). On create it is named after the incident, marked urgent, due at the RTO
 * target, and shows what the last resort does ({@code lastResort}, which the calling runbook hands over) and the
 * findings; the group it is put to is mailed a link at once. On complete
 * the decision ({@code lastResortDecision}: {@code apply} or {@code wait}) and who made it go to the timeline.
 */
@Component("rtoFallbackTaskListener")
class RtoFallbackTaskListener implements TaskListener {

    static final String DECISION = "lastResortDecision";
    static final String NOTE = "lastResortNote";
    static final String LAST_RESORT = "lastResort";
    /** Camunda's default is 50; Tasklist sorts by it. */
    static final int URGENT = 100;
    private final IncidentService incidents;
    private final Notifier notifier;

    RtoFallbackTaskListener(IncidentService incidents, Notifier notifier) {
        this.incidents = incidents;
        this.notifier = notifier;
    }

    @Override
    public void notify(DelegateTask task) {
        String incidentId = IncidentVariables.incidentId(task);
        if (TaskListener.EVENTNAME_CREATE.equals(task.getEventName())) {
            created(task, incidentId);
            return;
        }
        Object decision = task.getVariable(DECISION);
        String note = Actors.note(task.getVariable(NOTE), NOTE);
        String who = Actors.who(task, "담당자");
        String detail = note.isBlank() ? "" : " - " + note;
        if ("apply".equals(decision)) {
            incidents.note(incidentId, TimelineCode.LAST_RESORT_APPROVED,
                    "승인: " + lastResort(task) + " (" + who + ")" + detail);
            task.getExecution().setVariable(IncidentVariables.DECIDED_BY, who);
        } else if ("wait".equals(decision)) {
            incidents.note(incidentId, "최후 수단", "보류: 지금의 복구를 계속함 (" + who + ")" + detail);
        } else {
            throw new FormFieldValidationException(null, "선택이 올바르지 않습니다: apply 또는 wait (" + DECISION + ")");
        }
    }

    private void created(DelegateTask task, String incidentId) {
        Incident incident = incidents.find(incidentId).orElseThrow(() -> new IllegalStateException("no incident " + incidentId));
        Instant deadline = incident.rtoDeadline();
        Duration left = Duration.between(EngineClock.now(), deadline);
        String leftText = left.isNegative() || left.isZero() ? "RTO 목표 시각이 지났습니다 (" + Durations.words(left.negated()) + " 초과)"
                : "RTO 목표 시각까지 " + Durations.words(left) + " 남았습니다";
        task.setName("[" + Incident.shortId(incidentId) + "] [긴급] 최후 수단 승인: " + IncidentVariables.failureType(task).koreanName());
        task.setPriority(URGENT);
        task.setDueDate(Date.from(deadline));
        task.setDescription(leftText + ". 장애가 아직 복구되지 않았습니다.\n최후 수단: " + lastResort(task)
                + "\n\n진단 결과:\n" + IncidentVariables.findings(task)
                + "\n\n승인(apply)하면 최후 수단을 실행하고, 보류(wait)하면 지금의 복구를 계속합니다.");
        List<String> groups = task.getCandidates().stream().map(IdentityLink::getGroupId).filter(Objects::nonNull).toList();
        incidents.note(incidentId, "최후 수단", "RTO 대비 최후 수단 승인 요청 → " + String.join(", ", groups) + ": "
                + lastResort(task));
        for (String group : groups) {
            notifier.send(Audience.tier(group), "rto-fallback", incidentId, Map.of(
                    "lastResort", lastResort(task),
                    "timeLeft", leftText,
                    "taskUrl", notifier.tasklistLink(task.getId())));
        }
    }

    private static String lastResort(DelegateTask task) {
        return ProcessVariables.text(task, LAST_RESORT, "-");
    }
}
