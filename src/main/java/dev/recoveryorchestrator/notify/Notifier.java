package dev.recoveryorchestrator.notify;

import dev.recoveryorchestrator.config.EngineClock;
import dev.recoveryorchestrator.incident.Incident;
import dev.recoveryorchestrator.incident.IncidentService;
import dev.recoveryorchestrator.incident.Scope;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.Variables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Queues incident mail. Each mail becomes its own {@code notification-mail} process instance in the caller's
 * transaction, so it is stored before the step that asked for it completes, is sent asynchronously with the
 * configured retry cycle, ends as a Cockpit incident when it keeps failing, and outlives the incident that
 * caused it: never dropped, never holding an escalation back.
 */
@Service
public class Notifier {

    public static final String MAIL_PROCESS = "notification-mail";
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());
    private static final Logger log = LoggerFactory.getLogger(Notifier.class);

    private final RuntimeService runtime;
    private final IncidentService incidents;
    private final MailTemplates templates;
    private final NotifySettings settings;

    Notifier(RuntimeService runtime, IncidentService incidents, MailTemplates templates, NotifySettings settings) {
        this.runtime = runtime;
        this.incidents = incidents;
        this.templates = templates;
        this.settings = settings;
        if (settings.users().isEmpty()) {
            log.warn("recovery.notify.users is empty: nobody is told when an incident opens or service is back");
        }
    }

    /** The service's users, as configured. */
    public Set<String> users() {
        return new LinkedHashSet<>(settings.users());
    }

    /**
     * Renders {@code template} for the incident and queues it for {@code recipients}.
     *
     * @param extra values beyond the incident's own (tier, task link, ...)
     * @return whether a mail was queued; false when nobody is configured to receive it
     */
    public boolean mail(String template, String incidentId, Collection<String> recipients, Map<String, String> extra) {
        Incident incident = incidents.find(incidentId).orElseThrow(() -> new IllegalStateException("no incident " + incidentId));
        Set<String> to = new LinkedHashSet<>(recipients);
        to.removeIf(address -> address == null || address.isBlank());
        for (String invalid : to.stream().filter(address -> !MailText.isAddress(address)).toList()) {
            to.remove(invalid);
            log.warn("Mail {} for incident {}: '{}' is not a plain e-mail address; left out", template, incidentId,
                    MailText.header(invalid));
            incidents.note(incidentId, "메일", template + ": 잘못된 수신자 주소 제외: " + MailText.header(invalid));
        }
        if (to.isEmpty()) {
            log.warn("Mail {} for incident {} has no recipients; configure recovery.notify.users or recovery.contacts",
                    template, incidentId);
            incidents.note(incidentId, "메일", template + ": 수신자 없음 (설정 확인 필요)");
            return false;
        }
        Map<String, String> values = new HashMap<>(values(incident));
        values.putAll(extra);
        MailTemplates.Rendered mail = templates.render(template, values);
        runtime.startProcessInstanceByKey(MAIL_PROCESS, incidentId, Variables.createVariables()
                .putValue(MailVariables.TO, String.join(",", to))
                .putValue(MailVariables.SUBJECT, mail.subject())
                .putValue(MailVariables.BODY, mail.body())
                .putValue(MailVariables.TEMPLATE, template)
                .putValue(MailVariables.INCIDENT_ID, incidentId));
        incidents.note(incidentId, "메일", mail.subject() + " → " + String.join(", ", to));
        return true;
    }

    public String tasklistLink(String taskId) {
        return settings.tasklistLink(taskId);
    }

    private Map<String, String> values(Incident incident) {
        Map<String, String> values = new HashMap<>();
        values.put("incidentId", incident.id());
        values.put("shortId", Incident.shortId(incident.id()));
        values.put("type", incident.type().id());
        values.put("typeNumber", String.valueOf(incident.type().number()));
        values.put("typeName", incident.type().koreanName());
        values.put("scope", Scope.parse(incident.scope()).map(Scope::koreanName).orElse(incident.scope()));
        values.put("summary", incident.summary() == null || incident.summary().isBlank() ? "-" : incident.summary());
        values.put("source", incident.source());
        values.put("target", incident.target());
        values.put("openedAt", TIME.format(incident.openedAt()));
        values.put("elapsed", hoursAndMinutes(Duration.between(incident.openedAt(), EngineClock.now())));
        values.put("rtoDeadline", TIME.format(incident.rtoDeadline()));
        values.put("recoveredAt", incident.recoveredAt() == null ? "-" : TIME.format(incident.recoveredAt()));
        values.put("downtime", incident.downtime() == null ? "-" : hoursAndMinutes(incident.downtime()));
        values.put("cockpitUrl", incident.processInstanceId() == null ? "-" : settings.cockpitLink(incident.processInstanceId()));
        values.put("tasklistUrl", settings.tasklist());
        return values;
    }

    /** The runbook's way of writing a duration: {@code X시간 Y분}. */
    public static String hoursAndMinutes(Duration duration) {
        Duration positive = duration.isNegative() ? Duration.ZERO : duration;
        return positive.toHours() + "시간 " + positive.toMinutesPart() + "분";
    }
}
