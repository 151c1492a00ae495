package dev.recoveryorchestrator.observe;

import dev.recoveryorchestrator.config.Durations;
import dev.recoveryorchestrator.config.EngineClock;
import dev.recoveryorchestrator.config.LocalTimes;
import dev.recoveryorchestrator.escalation.EscalationSettings;
import dev.recoveryorchestrator.incident.FailureType;
import dev.recoveryorchestrator.incident.Incident;
import dev.recoveryorchestrator.incident.IncidentService;
import dev.recoveryorchestrator.incident.IncidentState;
import dev.recoveryorchestrator.maintenance.MaintenanceWindow;
import dev.recoveryorchestrator.maintenance.MaintenancePlanner;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * The public status page ({@code /status}, no login, read-only, Korean) for the people who use Routing ML: whether it
 * works, the open incidents in plain words (what fails, since when, whether a responder has taken it, who is on it by
 * role), what recovered in the last 7 days with its downtime, and the maintenance windows to come. It refreshes itself
 * every 30 seconds. DR drills are not shown.
 * <p>
 * It shows nothing a user should not see: no host, address, path or log line (an incident's summary is shown only
 * after everything that looks like one is cut, see {@link #plain}), no person's name (roles only), no internal id,
 * no maintenance reason (free text). Every value is HTML-escaped; the page has no script.
 */
@RestController
class StatusPage {

    static final Duration RECENT = Duration.ofDays(7);
    /** A URL, an address, a host:port, a path (anything with a slash or backslash), an e-mail address. */
    private static final Pattern TECHNICAL = Pattern.compile(
            "[a-zA-Z][a-zA-Z0-9+.-]*://\\S*|\\S*[/\\\\]\\S*|\\b\\d{1,3}(?:\\.\\d{1,3}){3}(?::\\d+)?\\b"
                    + "|\\[?[0-9a-fA-F]*:[0-9a-fA-F:]{2,}\\]?(?::\\d+)?|\\S+@\\S+|\\b[\\w.-]+:\\d{2,5}\\b"
                    + "|\\b[a-z0-9-]+(?:\\.[a-z0-9-]+)+\\b");
    private static final int MAX_SUMMARY = 120;

    private final IncidentService incidents;
    private final MaintenancePlanner maintenance;
    private final EscalationSettings escalation;
    private final LocalTimes times;

    StatusPage(IncidentService incidents, MaintenancePlanner maintenance, EscalationSettings escalation,
            LocalTimes times) {
        this.incidents = incidents;
        this.maintenance = maintenance;
        this.escalation = escalation;
        this.times = times;
    }

    @GetMapping(value = "/status", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> status() {
        Instant now = EngineClock.now();
        List<Incident> open = incidents.list(Optional.of(IncidentState.OPEN)).stream().filter(i -> !i.drill()).toList();
        List<Incident> recovered = incidents.list(Optional.of(IncidentState.RECOVERED)).stream()
                .filter(i -> !i.drill() && i.recoveredAt() != null && i.recoveredAt().isAfter(now.minus(RECENT))).toList();
        List<MaintenanceWindow> windows = maintenance.upcoming();
        boolean inMaintenance = windows.stream().anyMatch(w -> !now.isBefore(w.startsAt()));

        StringBuilder html = new StringBuilder("<!DOCTYPE html><html lang=\"ko\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<meta http-equiv=\"refresh\" content=\"30\"><title>서비스 상태</title><style>"
                + "body{font-family:sans-serif;max-width:48em;margin:2em auto;padding:0 1em;color:#222}"
                + ".state{font-size:1.4em;padding:.6em 1em;border-radius:.4em}.ok{background:#e3f6e8}"
                + ".down{background:#fde2e1}.maintenance{background:#fff4d6}li{margin:.4em 0}small{color:#666}"
                + "</style></head><body><h1>Routing ML 서비스 상태</h1>");
        String state = !open.isEmpty() ? "<p class=\"state down\" id=\"state\">장애 발생: 복구 작업 중입니다</p>"
                : inMaintenance ? "<p class=\"state maintenance\" id=\"state\">점검 중입니다</p>"
                : "<p class=\"state ok\" id=\"state\">정상 운영 중입니다</p>";
        html.append(state);

        html.append("<h2>진행 중인 장애</h2>");
        if (open.isEmpty()) {
            html.append("<p id=\"open-none\">진행 중인 장애가 없습니다.</p>");
        } else {
            html.append("<ul id=\"open\">");
            for (Incident incident : open) {
                boolean acknowledged = incidents.acknowledgement(incident.id()).isPresent();
                html.append("<li class=\"incident\"><strong>").append(e(incident.type().koreanName())).append("</strong>")
                        .append(" · ").append(e(times.minute(incident.openedAt()))).append("부터 (")
                        .append(e(Durations.words(Duration.between(incident.openedAt(), now)))).append(" 경과)<br>")
                        .append(acknowledged ? "담당자가 확인하고 대응 중입니다." : "담당자 확인을 기다리는 중입니다.")
                        .append(" ").append(e(doing(incident)));
                String summary = plain(incident.summary());
                if (!summary.isEmpty()) {
                    html.append("<br><small class=\"summary\">").append(e(summary)).append("</small>");
                }
                html.append("</li>");
            }
            html.append("</ul>");
        }

        html.append("<h2>최근 7일간 복구된 장애</h2>");
        if (recovered.isEmpty()) {
            html.append("<p id=\"recovered-none\">최근 7일간 장애가 없었습니다.</p>");
        } else {
            html.append("<ul id=\"recovered\">");
            for (Incident incident : recovered) {
                html.append("<li><strong>").append(e(incident.type().koreanName())).append("</strong> · ")
                        .append(e(times.minute(incident.openedAt()))).append(" ~ ")
                        .append(e(times.minute(incident.recoveredAt()))).append(" (중단 시간 ")
                        .append(e(Durations.words(incident.downtime()))).append(")</li>");
            }
            html.append("</ul>");
        }

        html.append("<h2>예정된 점검</h2>");
        if (windows.isEmpty()) {
            html.append("<p id=\"maintenance-none\">예정된 점검이 없습니다.</p>");
        } else {
            html.append("<ul id=\"maintenance\">");
            for (MaintenanceWindow window : windows) {
                String affected = window.types().isEmpty() ? "서비스 전체"
                        : window.types().stream().map(FailureType::koreanName).collect(Collectors.joining(", "));
                html.append("<li>").append(e(times.minute(window.startsAt()))).append(" ~ ")
                        .append(e(times.minute(window.endsAt()))).append(" · ").append(e(affected))
                        .append(now.isBefore(window.startsAt()) ? "" : " (진행 중)").append("</li>");
            }
            html.append("</ul>");
        }
        html.append("<p><small>").append(e(times.minute(now))).append(" 기준 · 30초마다 새로 고침</small></p></body></html>");
        return ResponseEntity.ok().contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .header("Cache-Control", "no-store")
                .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
                .body(html.toString());
    }

    /** What is being done, at the level a user should know: the role now on it, never a person. */
    private String doing(Incident incident) {
        if (incident.tier() == null) {
            return "자동 복구를 진행하고 있습니다.";
        }
        return escalation.tier(incident.tier()).map(tier -> tier.name() + " 단계에서 대응하고 있습니다.")
                .orElse("담당 팀이 대응하고 있습니다.");
    }

    /**
     * An incident's summary without anything technical: its first line, with every URL, address, host, path and
     * e-mail address cut out and control characters dropped, at most {@value #MAX_SUMMARY} characters.
     */
    static String plain(String summary) {
        if (summary == null) {
            return "";
        }
        String first = summary.lines().findFirst().orElse("");
        String cut = TECHNICAL.matcher(first).replaceAll("…").replaceAll("\\p{Cntrl}", " ")
                .replaceAll("(…\\s*)+", "… ").replaceAll("\\s+", " ").strip();
        if (cut.replace("…", "").isBlank()) {
            return "";
        }
        return cut.length() <= MAX_SUMMARY ? cut : cut.substring(0, MAX_SUMMARY - 1) + "…";
    }

    private static String e(String text) {
        return HtmlUtils.htmlEscape(text == null ? "" : text);
    }
}
