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
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"recovery-orchestrator\", charset=\"UTF-8\"");
            FilterProblems.write(response, FilterProblems.problem(HttpServletResponse.SC_UNAUTHORIZED, "Unauthorized",
                    "HTTP Basic with a Camunda user is required"));
            return;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.equals(PROMETHEUS) && !mayScrape(user)) {
            FilterProblems.write(response, FilterProblems.problem(HttpServletResponse.SC_FORBIDDEN, "Forbidden",
                    "the metrics are for the scrape group (recovery.metrics.scrape-group) and the admins"));
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
