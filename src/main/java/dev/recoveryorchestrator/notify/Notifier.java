package dev.recoveryorchestrator.notify;

import dev.recoveryorchestrator.config.EngineClock;
import dev.recoveryorchestrator.config.Durations;
import dev.recoveryorchestrator.config.LocalTimes;
import dev.recoveryorchestrator.incident.Incident;
import dev.recoveryorchestrator.incident.IncidentService;
import dev.recoveryorchestrator.incident.Scope;
import dev.recoveryorchestrator.incident.TimelineCode;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Tells an {@link Audience} something, from a template: resolves the audience to recipients, picks the audience's
 * channels from {@code recovery.notify}, and hands each channel the rendered notification in the caller's
 * transaction (mail queues a {@code notification-mail} instance that retries on its own). Callers name the
 * audience and the template, never addresses or channels.
 *
 * <p>A DR drill's incident (훈련) is told as such: every subject starts with {@value #DRILL_PREFIX}, and its audiences
 * never reach the approver tier (the CTO; {@link GroupDirectory#groupsInDrills()}).
 *
 * <p>For an incident, the incident's own values fill the template and each delivery, each left-out address and an
 * empty audience are written to its timeline. A notification without an incident (a report) takes its values from
 * the caller only and is logged.
 */
@Service
public class Notifier {

    public static final String MAIL_PROCESS = "notification-mail";
    /** What a DR drill's notifications start with (훈련). */
    public static final String DRILL_PREFIX = "[훈련] ";
    private static final Logger log = LoggerFactory.getLogger(Notifier.class);

    private final IncidentService incidents;
    private final MailTemplates templates;
    private final NotifySettings settings;
    private final Audiences audiences;
    private final Map<String, Channel> channels;
    private final LocalTimes times;

    Notifier(IncidentService incidents, MailTemplates templates, NotifySettings settings, Audiences audiences,
            List<Channel> channels, LocalTimes times) {
        this.times = times;
        this.incidents = incidents;
        this.templates = templates;
        this.settings = settings;
        this.audiences = audiences;
        this.channels = channels.stream().collect(Collectors.toMap(Channel::name, Function.identity(),
                (first, second) -> {
                    throw new IllegalStateException("two notification channels are named '" + first.name() + "'");
                }, LinkedHashMap::new));
        for (String name : settings.channelNames()) {
            if (!this.channels.containsKey(name)) {
                throw new IllegalStateException("recovery.notify names channel '" + name + "', but only "
                        + this.channels.keySet() + " exist");
            }
        }
        if (settings.users().isEmpty()) {
            log.warn("recovery.notify.users is empty: nobody is told when an incident opens or service is back");
        }
    }

    /**
     * Tells {@code audience} about the incident with {@code template}.
     *
     * @param extra values beyond the incident's own (tier, task link, ...)
     * @return whether any channel delivered it; false when the audience is nobody (noted in the timeline)
     */
    public boolean send(Audience audience, String template, String incidentId, Map<String, String> extra) {
        Incident incident = incidents.find(incidentId).orElseThrow(() -> new IllegalStateException("no incident " + incidentId));
        // Tiers join while the incident lasts: after its end (a report, a review) "involved" stays who had joined.
        Instant end = incident.recoveredAt() != null ? incident.recoveredAt()
                : incident.closedAt() != null ? incident.closedAt() : EngineClock.now();
        Recipients recipients = audiences.resolve(audience, Duration.between(incident.openedAt(), end), incident.drill());
        if (incident.drill() && recipients.isEmpty() && audience instanceof Audience.Tier tier) {
            incidents.note(incidentId, TimelineCode.MAIL, template + ": 훈련이라 " + tier.group() + " 단계에는 보내지 않음");
            return false;
        }
        return deliver(audience, template, Optional.of(incidentId), recipients, () -> {
            Map<String, String> values = new HashMap<>(values(incident));
            values.putAll(extra);
            return values;
        }, incident.drill());
    }

    /**
     * Tells {@code audience} something that belongs to no incident (an inspection's report; template {@code report}
     * takes {@code title} and {@code text}): the template is filled with {@code values} only, plus {@code tasklistUrl}. {@link Audience#involved()} needs an incident and is refused.
     *
     * @return whether any channel delivered it; false when the audience is nobody (logged)
     */
    public boolean sendWithoutIncident(Audience audience, String template, Map<String, String> values) {
        Recipients recipients = audiences.resolve(audience, null, false);
        return deliver(audience, template, Optional.empty(), recipients, () -> {
            Map<String, String> all = new HashMap<>();
            all.put("tasklistUrl", settings.tasklist());
            all.putAll(values);
            return all;
        }, false);
    }

    private boolean deliver(Audience audience, String template, Optional<String> incidentId, Recipients resolved,
            Supplier<Map<String, String>> values, boolean drill) {
        Recipients recipients = plainAddressesOnly(template, incidentId, resolved);
        String about = incidentId.map(id -> " for incident " + id).orElse("");
        if (recipients.isEmpty()) {
            log.warn("Notification {}{} has no recipients; configure recovery.notify.users or recovery.contacts",
                    template, about);
            incidentId.ifPresent(id -> incidents.note(id, TimelineCode.MAIL, template + ": 수신자 없음 (설정 확인 필요)"));
            return false;
        }
        Map<String, String> filled = values.get();
        Notification notification = new Notification(template, incidentId.orElse(null), filled,
                () -> drill ? drill(templates.render(template, filled)) : templates.render(template, filled));
        boolean delivered = false;
        for (String name : settings.channelsOf(audience.kind())) {
            Optional<String> to = channels.get(name).deliver(notification, recipients);
            if (to.isPresent()) {
                delivered = true;
                String entry = notification.subject() + " → " + (MailChannel.NAME.equals(name) ? "" : name + ": ")
                        + to.get();
                incidentId.ifPresentOrElse(id -> incidents.note(id, delivered(template), entry),
                        () -> log.info("Notification {}", entry));
            }
        }
        if (!delivered) {
            log.warn("Notification {}{}: none of the channels {} reaches {}", template, about,
                    settings.channelsOf(audience.kind()), audience);
            incidentId.ifPresent(id -> incidents.note(id, TimelineCode.MAIL, template + ": 수신자 없음 (설정 확인 필요)"));
        }
        return delivered;
    }

    /** The code of the timeline entry of a delivered {@code template}: the checklist's two notification lines. */
    static TimelineCode delivered(String template) {
        return switch (template) {
            case "incident-opened" -> TimelineCode.USERS_NOTIFIED;
            case "service-restored" -> TimelineCode.RECOVERY_NOTIFIED;
            default -> TimelineCode.MAIL;
        };
    }

    /** Leaves out blank addresses and whatever is not a single plain address, noting each one left out. */
    private Recipients plainAddressesOnly(String template, Optional<String> incidentId, Recipients recipients) {
        Set<String> to = new LinkedHashSet<>(recipients.addresses());
        to.removeIf(address -> address == null || address.isBlank());
        for (String invalid : to.stream().filter(address -> !MailText.isAddress(address)).toList()) {
            to.remove(invalid);
            log.warn("Notification {}{}: '{}' is not a plain e-mail address; left out", template,
                    incidentId.map(id -> " for incident " + id).orElse(""), MailText.header(invalid));
            incidentId.ifPresent(id -> incidents.note(id, TimelineCode.MAIL, template + ": 잘못된 수신자 주소 제외: "
                    + MailText.header(invalid)));
        }
        return new Recipients(to, recipients.users(), recipients.groups());
    }

    /** A DR drill's notification: its subject starts with {@value #DRILL_PREFIX}, still one line of at most 250. */
    private static MailTemplates.Rendered drill(MailTemplates.Rendered rendered) {
        return new MailTemplates.Rendered(MailText.header(DRILL_PREFIX + rendered.subject()), rendered.body());
    }

    /** An absolute link to a path of this orchestrator, for a mail. */
    public String link(String path) {
        return settings.link(path);
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
        values.put("openedAt", times.minute(incident.openedAt()));
        values.put("elapsed", Durations.words(Duration.between(incident.openedAt(), EngineClock.now())));
        values.put("rtoDeadline", times.minute(incident.rtoDeadline()));
        values.put("recoveredAt", incident.recoveredAt() == null ? "-" : times.minute(incident.recoveredAt()));
        values.put("downtime", incident.downtime() == null ? "-" : Durations.words(incident.downtime()));
        values.put("cockpitUrl", incident.processInstanceId() == null ? "-" : settings.cockpitLink(incident.processInstanceId()));
        values.put("tasklistUrl", settings.tasklist());
        return values;
    }
}
