package dev.recoveryorchestrator.config;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Base64;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * HTTP Basic against the Camunda users for our own API and the actuator (all but {@code /actuator/health}).
 * The authenticated user becomes the request's principal, so that an incident records who opened it. A client that
 * failed too many logins never gets here ({@link LoginThrottleFilter} answers 429 first), and each failed check
 * counts against its client ({@link LoginThrottlePlugin}).
 */
class ApiAuthenticationFilter extends OncePerRequestFilter {

    /** The alert webhooks take the intake's bearer token instead (intake.IntakeAuthenticationFilter), never Basic. */
    static final java.util.Set<String> ALERT_WEBHOOKS = java.util.Set.of("/api/alerts/alertmanager", "/api/alerts/grafana");

    /** The metrics: only the scrape group's members and the admins read them (docs/operations.md). */
    static final String PROMETHEUS = "/actuator/prometheus";

    private final IdentityService identity;
    private final String scrapeGroup;

    ApiAuthenticationFilter(IdentityService identity, String scrapeGroup) {
        this.identity = identity;
        this.scrapeGroup = scrapeGroup;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.equals("/actuator/health") || path.startsWith("/actuator/health/") || ALERT_WEBHOOKS.contains(path);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String user = authenticatedUser(request.getHeader(HttpHeaders.AUTHORIZATION));
        if (user == null) {
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"recovery-orchestrator\", charset=\"UTF-8\"");
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.getOutputStream().write(("{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,"
                    + "\"detail\":\"HTTP Basic with a Camunda user is required\"}").getBytes(StandardCharsets.UTF_8));
            return;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.equals(PROMETHEUS) && !mayScrape(user)) {
            response.setStatus(HttpServletResponse.SC_FORBIDDEN);
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.getOutputStream().write(("{\"type\":\"about:blank\",\"title\":\"Forbidden\",\"status\":403,"
                    + "\"detail\":\"the metrics are for the scrape group (recovery.metrics.scrape-group) and the admins\"}")
                    .getBytes(StandardCharsets.UTF_8));
            return;
        }
        Principal principal = () -> user;
        chain.doFilter(new HttpServletRequestWrapper(request) {
            @Override
            public Principal getUserPrincipal() {
                return principal;
            }

            @Override
            public String getRemoteUser() {
                return user;
            }
        }, response);
    }

    private boolean mayScrape(String user) {
        return identity.createGroupQuery().groupMember(user)
                .groupIdIn(scrapeGroup, org.camunda.bpm.engine.authorization.Groups.CAMUNDA_ADMIN).count() > 0;
    }

    private String authenticatedUser(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            return null;
        }
        String user = decoded.substring(0, colon);
        return identity.checkPassword(user, decoded.substring(colon + 1)) ? user : null;
    }
}
