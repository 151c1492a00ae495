package dev.recoveryorchestrator.notify;

import dev.recoveryorchestrator.incident.IncidentVariables;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code SendTask_NotifyUsersRecovered} (체크리스트 "사용자 알림 (복구 완료)"): everyone told that the service was down
 * hears in one mail that it is back — the users, and every tier that had joined by the recovery, whose tasks ended with
 * it (otherwise DevOps, paged at the opening, would find its task gone and no word why). docs/responders.md, "Who gets
 * which mail and why".
 */
@Component("serviceRestoredMailDelegate")
class ServiceRestoredMailDelegate implements JavaDelegate {

    private final Notifier notifier;

    ServiceRestoredMailDelegate(Notifier notifier) {
        this.notifier = notifier;
    }

    @Override
    public void execute(DelegateExecution execution) {
        notifier.send(Audience.involved(), "service-restored", IncidentVariables.incidentId(execution),
                Map.of("recoveredBy", IncidentVariables.recoveredBy(execution)));
    }
}
