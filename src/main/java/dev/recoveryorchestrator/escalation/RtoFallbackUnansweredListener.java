package dev.recoveryorchestrator.escalation;

import dev.recoveryorchestrator.incident.IncidentService;
import dev.recoveryorchestrator.incident.IncidentVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * The RTO target passed with the RTO fallback's question unanswered ({@code BoundaryEvent_LastResortUnanswered}):
 * records what configuration decides, so that the timeline says why the last resort ran, or why it still waits; when
 * configuration applies it, the decision {@code apply} goes back to the runbook as a person's approval would.
 */
@Component("rtoFallbackUnansweredListener")
class RtoFallbackUnansweredListener implements ExecutionListener {

    private final RtoFallback fallback;
    private final IncidentService incidents;

    RtoFallbackUnansweredListener(RtoFallback fallback, IncidentService incidents) {
        this.fallback = fallback;
        this.incidents = incidents;
    }

    @Override
    public void notify(DelegateExecution execution) {
        String incidentId = IncidentVariables.incidentId(execution);
        if (fallback.applyWhenUnanswered()) {
            incidents.note(incidentId, "최후 수단", "RTO 목표 시각까지 응답 없음: 설정(recovery.rto-fallback.when-unanswered=apply)에 "
                    + "따라 최후 수단 실행");
            execution.setVariable(RtoFallbackTaskListener.DECISION, "apply");
            execution.setVariable(IncidentVariables.DECIDED_BY, "설정 (응답 없음)");
        } else {
            incidents.note(incidentId, "최후 수단", "RTO 목표 시각까지 응답 없음: 사람의 승인 없이는 실행하지 않음, 요청 유지");
        }
    }
}
