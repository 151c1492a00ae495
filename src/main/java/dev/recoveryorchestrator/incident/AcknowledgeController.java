package dev.recoveryorchestrator.incident;

import dev.recoveryorchestrator.config.InvalidInputException;
import dev.recoveryorchestrator.config.LocalTimes;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.security.Principal;
import java.time.Instant;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * Acknowledging an incident ("I'm on it"): over the API, and from the signed link of an escalation mail. The link
 * only ever shows a confirmation page (GET changes nothing: a mail scanner or a link preview that follows it
 * acknowledges nothing); the page's button POSTs the token back, once logged in (HTTP Basic against the Camunda
 * users, as all of {@code /api}). A POST from another site's page is refused ({@code Origin}). Claiming a tier's task
 * in Tasklist acknowledges too (escalation.TierTaskAssignedListener).
 */
@RestController
class AcknowledgeController {

    private static final Pattern INCIDENT_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private final IncidentService incidents;
    private final Responders responders;
    private final AcknowledgeLinks links;
    private final LocalTimes times;

    AcknowledgeController(IncidentService incidents, Responders responders, AcknowledgeLinks links, LocalTimes times) {
        this.incidents = incidents;
        this.responders = responders;
        this.links = links;
        this.times = times;
    }

    /** What an acknowledgement answers: the one in force, and whether this request made it. */
    record AcknowledgementView(String incidentId, Instant acknowledgedAt, String acknowledgedBy, String via,
            boolean first) {

        static AcknowledgementView of(IncidentService.Acknowledged acknowledged) {
            Acknowledgement a = acknowledged.acknowledgement();
            return new AcknowledgementView(a.incidentId(), a.at(), a.by(), a.via(), acknowledged.first());
        }
    }

    /**
     * Acknowledges an open incident as the calling responder: 200 with the acknowledgement (the first one stays;
     * {@code first} says whether this call made it), 404 for an unknown incident, 409 for one no longer open and never
     * acknowledged, 403 for a user of no responder group.
     */
    @PostMapping("/api/incidents/{id}/acknowledge")
    AcknowledgementView acknowledge(@PathVariable String id, Principal user) {
        String userId = responders.require(user, "acknowledging");
        return AcknowledgementView.of(incidents.acknowledge(incidentId(id), userId, Acknowledgement.API));
    }

    /** The confirmation page of a mail link: what the incident is and a button; nothing changes here. */
    @GetMapping(value = AcknowledgeLinks.PATH, produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> confirmationPage(@RequestParam(required = false) String token) {
        AcknowledgeLinks.Link link;
        try {
            link = links.verify(token);
        } catch (InvalidInputException e) {
            return page(HttpStatus.BAD_REQUEST, "확인 링크를 사용할 수 없습니다", e.getMessage(), null);
        }
        Incident incident = incidents.find(link.incidentId()).orElse(null);
        if (incident == null) {
            return page(HttpStatus.NOT_FOUND, "장애를 찾을 수 없습니다", "no incident " + link.incidentId(), null);
        }
        String state = incidents.acknowledgement(incident.id())
                .map(a -> "이미 확인됨: " + a.by() + " (" + times.minute(a.at()) + ", " + a.viaWords() + ")")
                .orElse(incident.state() == IncidentState.OPEN ? "아직 아무도 확인하지 않았습니다." : "장애가 이미 종료되었습니다.");
        String about = "[" + Incident.shortId(incident.id()) + "] Type " + incident.type().number() + " "
                + incident.type().koreanName() + " · 발생 " + times.minute(incident.openedAt()) + "\n" + state;
        String form = "<form method=\"post\" action=\"" + AcknowledgeLinks.PATH + "\">"
                + "<input type=\"hidden\" name=\"token\" value=\"" + HtmlUtils.htmlEscape(token) + "\">"
                + "<button type=\"submit\">담당합니다 (확인)</button></form>";
        return page(HttpStatus.OK, "장애 확인 (ACK)", about, incident.state() == IncidentState.OPEN ? form : null);
    }

    /** The page's button: acknowledges once per link, as the logged-in user. */
    @PostMapping(value = AcknowledgeLinks.PATH, consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
            produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> acknowledgeByLink(@RequestParam(required = false) String token, Principal user,
            HttpServletRequest request) {
        if (!sameOrigin(request)) {
            return page(HttpStatus.FORBIDDEN, "다른 사이트에서 보낸 요청입니다", "Origin does not match this orchestrator", null);
        }
        String userId;
        AcknowledgeLinks.Link link;
        try {
            userId = responders.require(user, "acknowledging");
            link = links.verify(token);
        } catch (InvalidInputException e) {
            return page(HttpStatus.BAD_REQUEST, "확인 링크를 사용할 수 없습니다", e.getMessage(), null);
        } catch (org.springframework.web.server.ResponseStatusException e) {
            return page(HttpStatus.FORBIDDEN, "대응 그룹의 사용자만 확인할 수 있습니다", e.getReason(), null);
        }
        if (incidents.find(link.incidentId()).isEmpty()) {
            return page(HttpStatus.NOT_FOUND, "장애를 찾을 수 없습니다", "no incident " + link.incidentId(), null);
        }
        if (!incidents.useAcknowledgeLink(link.nonce(), link.incidentId(), userId)) {
            return page(HttpStatus.CONFLICT, "이미 사용된 링크입니다", incidents.acknowledgement(link.incidentId())
                    .map(a -> "확인: " + a.by() + " (" + times.minute(a.at()) + ")").orElse("-"), null);
        }
        try {
            IncidentService.Acknowledged done = incidents.acknowledge(link.incidentId(), userId, Acknowledgement.MAIL);
            Acknowledgement a = done.acknowledgement();
            return page(HttpStatus.OK, done.first() ? "확인되었습니다" : "이미 확인된 장애입니다",
                    a.by() + " (" + times.minute(a.at()) + ", " + a.viaWords() + ")", null);
        } catch (IncidentService.IncidentNotOpenException e) {
            return page(HttpStatus.CONFLICT, "장애가 이미 종료되었습니다", e.getMessage(), null);
        }
    }

    @ExceptionHandler(IncidentService.IncidentNotOpenException.class)
    ProblemDetail notOpen(IncidentService.IncidentNotOpenException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                e.state() == null ? HttpStatus.NOT_FOUND : HttpStatus.CONFLICT, e.getMessage());
        if (e.state() != null) {
            problem.setProperty("state", e.state());
        }
        return problem;
    }

    /** An incident id is a UUID; anything else is refused before it reaches a query. */
    private static String incidentId(String id) {
        if (id == null || id.length() != 36 || !INCIDENT_ID.matcher(id).matches()) {
            throw new InvalidInputException("id", "id must be an incident id (a UUID)");
        }
        return id;
    }

    /** No Origin (a plain form post of an old browser): allowed; one that names another site: refused. */
    private static boolean sameOrigin(HttpServletRequest request) {
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        if (origin == null) {
            return true;
        }
        try {
            URI from = URI.create(origin);
            String host = request.getHeader(HttpHeaders.HOST);
            return host != null && (from.getHost() + (from.getPort() < 0 ? "" : ":" + from.getPort())).equalsIgnoreCase(host);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** A small page; every value in it is escaped, nothing in it runs. */
    private static ResponseEntity<String> page(HttpStatus status, String title, String text, String form) {
        String html = "<!DOCTYPE html><html lang=\"ko\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<meta name=\"referrer\" content=\"no-referrer\"><title>" + HtmlUtils.htmlEscape(title) + "</title>"
                + "<style>body{font-family:sans-serif;max-width:40em;margin:2em auto;padding:0 1em}"
                + "p{white-space:pre-line}button{font-size:1.1em;padding:.5em 1em}</style></head><body>"
                + "<h1>" + HtmlUtils.htmlEscape(title) + "</h1><p>" + HtmlUtils.htmlEscape(text == null ? "" : text)
                + "</p>" + (form == null ? "" : form) + "</body></html>";
        return ResponseEntity.status(status).contentType(new MediaType(MediaType.TEXT_HTML,
                java.nio.charset.StandardCharsets.UTF_8)).header("Cache-Control", "no-store")
                .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'")
                .body(html);
    }
}
