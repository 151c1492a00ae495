package dev.recoveryorchestrator.notify;

import dev.recoveryorchestrator.incident.IncidentVariables;
import java.util.Map;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The lifecycle's mails to the service's users (체크리스트 "사용자 알림"): when it opens and when service is back. */
@Configuration
class IncidentMailDelegates {

    /** {@code SendTask_NotifyUsersOpened}. */
    @Bean
    JavaDelegate incidentOpenedMailDelegate(Notifier notifier) {
        return execution -> notifier.mail("incident-opened", IncidentVariables.incidentId(execution), notifier.users(),
                Map.of());
    }

    /** {@code SendTask_NotifyUsersRecovered}. */
    @Bean
    JavaDelegate serviceRestoredMailDelegate(Notifier notifier) {
        return execution -> notifier.mail("service-restored", IncidentVariables.incidentId(execution), notifier.users(),
                Map.of("recoveredBy", IncidentVariables.recoveredBy(execution)));
    }
}
