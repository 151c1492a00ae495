package dev.recoveryorchestrator.runbook.networkoutage;

import dev.recoveryorchestrator.incident.Actors;
import dev.recoveryorchestrator.incident.Incident;
import dev.recoveryorchestrator.incident.IncidentService;
import dev.recoveryorchestrator.incident.IncidentVariables;
import dev.recoveryorchestrator.runbook.RunbookVariables;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.springframework.stereotype.Component;

/**
 * {@code UserTask_ApproveFirewall} (포트 허용 승인): a firewall listing showed service ports blocked, and
 * changing the firewall is a person's call. On create the task names the ports and shows the findings; on complete
 * the choice ({@code allow} runs the configured {@code network-allow-ports}, {@code decline} changes nothing) and
 * who made it go to the timeline.
 */
@Component("firewallApprovalTaskListener")
class FirewallApprovalTaskListener implements TaskListener {

    static final String STEP = "포트 허용 승인";
    static final Set<String> DECISIONS = Set.of("allow", "decline");
    private final IncidentService incidents;

    FirewallApprovalTaskListener(IncidentService incidents) {
        this.incidents = incidents;
    }

    @Override
    public void notify(DelegateTask task) {
        String incidentId = IncidentVariables.incidentId(task);
        String ports = NetworkOutageVariables.firewallBlockedPorts(task).toString();
        if (TaskListener.EVENTNAME_CREATE.equals(task.getEventName())) {
            task.setName("[" + Incident.shortId(incidentId) + "] " + STEP + ": 포트 " + ports);
            task.setDescription("방화벽 규칙에서 서비스 포트 " + ports + "가 차단된 것으로 보입니다. 진단 결과:\n"
                    + RunbookVariables.findings(task) + "\n\n허용하면 설정된 명령(recovery.actions.network-allow-ports)을 "
                    + "실행합니다. 허용하지 않으면 방화벽은 그대로 두고 포트 응답을 계속 확인합니다.");
            incidents.note(incidentId, STEP, "차단된 포트 " + ports + ": 승인 요청");
            return;
        }
        String decision = NetworkOutageVariables.firewallDecision(task);
        if (!DECISIONS.contains(decision)) {
            throw new FormFieldValidationException(null, "firewallDecision must be one of " + DECISIONS);
        }
        incidents.note(incidentId, STEP, ("allow".equals(decision) ? "허용 승인" : "허용하지 않음") + " ("
                + Actors.who(task, "IT") + ")");
    }
}
