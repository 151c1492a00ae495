package dev.recoveryorchestrator.intake;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The webhooks' only authentication: {@code Authorization: Bearer <recovery.intake.token>}, compared in constant
 * time (both sides hashed first, so not even the length leaks). Alertmanager and Grafana send a bearer token, not a
 * Camunda user; these are the only {@code /api/} paths that take one (Basic is not asked for). With no token
 * configured, which only the demo allows, only loopback clients are answered.
 */
class IntakeAuthenticationFilter extends OncePerRequestFilter {

    private final IntakeSettings settings;

    IntakeAuthenticationFilter(IntakeSettings settings) {
        this.settings = settings;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String refusal = settings.hasToken() ? tokenRefusal(request.getHeader(HttpHeaders.AUTHORIZATION))
                : loopback(request.getRemoteAddr()) ? null
                : "no intake token is configured, so only loopback clients may post alerts";
        if (refusal == null) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"recovery-orchestrator-intake\"");
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write(("{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,"
                + "\"detail\":\"" + refusal + "\"}").getBytes(StandardCharsets.UTF_8));
    }

    private String tokenRefusal(String header) {
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return "Authorization: Bearer with the intake token is required";
        }
        return MessageDigest.isEqual(sha256(header.substring(7).strip()), sha256(settings.token()))
                ? null : "the bearer token is not the intake token";
    }

    private static boolean loopback(String address) {
        try {
            return address != null && InetAddress.getByName(address).isLoopbackAddress();
        } catch (IOException e) {
            return false;
        }
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
