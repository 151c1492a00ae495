package dev.recoveryorchestrator.runbook.networkoutage;

import dev.recoveryorchestrator.incident.IncidentService;
import dev.recoveryorchestrator.incident.IncidentVariables;
import dev.recoveryorchestrator.notify.Audience;
import dev.recoveryorchestrator.notify.Notifier;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_NotifyLocalAccess} (로컬 접속으로 전환): every user is told the local access addresses, from
 * {@code recovery.runbook.network-outage.local-urls}, or {@code http://localhost:<port>/} for each service port.
 * It needs nothing but {@code incidentId}, so it also serves on its own as Type 3's last resort (the RTO fallback
 * puts it, with the CTO's decision on external support, to the highest tier reached).
 */
@Component("localAccessNoticeDelegate")
class LocalAccessNoticeDelegate implements JavaDelegate {

    static final String STEP = "로컬 접속으로 전환";
    private final NetworkOutageSettings settings;
    private final HostReachability reachability;
    private final IncidentService incidents;
    private final Notifier notifier;

    LocalAccessNoticeDelegate(NetworkOutageSettings settings, HostReachability reachability, IncidentService incidents,
            Notifier notifier) {
        this.settings = settings;
        this.reachability = reachability;
        this.incidents = incidents;
        this.notifier = notifier;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String incidentId = IncidentVariables.incidentId(execution);
        List<URI> urls = urls();
        String listed = urls.stream().map(url -> "- " + url).collect(Collectors.joining("\n"));
        boolean sent = notifier.send(Audience.users(), "local-access", incidentId, Map.of("localUrls", listed));
        incidents.note(incidentId, STEP, (sent ? "사용자에게 로컬 접속 주소 안내: " : "로컬 접속 주소 안내 못 함 (수신자 없음): ")
                + urls.stream().map(URI::toString).collect(Collectors.joining(", ")));
    }

    List<URI> urls() {
        if (!settings.localUrls().isEmpty()) {
            return settings.localUrls();
        }
        return reachability.ports().stream().map(port -> URI.create("http://localhost:" + port + "/")).toList();
    }
}
