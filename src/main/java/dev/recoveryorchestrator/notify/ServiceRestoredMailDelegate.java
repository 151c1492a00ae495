package dev.recoveryorchestrator.notify;

import dev.recoveryorchestrator.incident.IncidentVariables;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** {@code SendTask_NotifyUsersRecovered} (체크리스트 "사용자 알림"): the service's users hear that service is back. */
@Component("serviceRestoredMailDelegate")
class ServiceRestoredMailDelegate implements JavaDelegate {

    private final Notifier notifier;

    ServiceRestoredMailDelegate(Notifier notifier) {
        this.notifier = notifier;
    }

    @Override
    public void execute(DelegateExecution execution) {
        notifier.send(Audience.users(), "service-restored", IncidentVariables.incidentId(execution),
                Map.of("recoveredBy", IncidentVariables.recoveredBy(execution)));
    }
}
