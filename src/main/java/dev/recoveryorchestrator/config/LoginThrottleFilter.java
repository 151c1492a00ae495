package dev.recoveryorchestrator.config;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers 429 with {@code Retry-After}, before any password is checked, to a client that {@link LoginThrottle}
 * says must wait, on each way in that checks a password for an anonymous caller: HTTP Basic on {@code /api/*},
 * the actuator and {@code /engine-rest/*} (every request that carries an {@code Authorization} header), and the
 * webapps' login form ({@code POST <webapp path>/api/admin/auth/user/<engine>/login/<app>}). Requests without
 * credentials, and the webapps' requests in an open session, pass as before. Failures are counted where the
 * password is checked, in the engine ({@link LoginThrottlePlugin}).
 */
class LoginThrottleFilter extends OncePerRequestFilter {

    private final LoginThrottle throttle;
    private final Pattern webappLogin;

    LoginThrottleFilter(LoginThrottle throttle, String webappPath) {
        this.throttle = throttle;
        this.webappLogin = Pattern.compile(Pattern.quote(webappPath) + "/api/admin/auth/user/[^/]+/login/[^/]+/?");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (checksPassword(request)) {
            Optional<Duration> wait = throttle.retryAfter(throttle.clientOf(request));
            if (wait.isPresent()) {
                refuse(response, wait.get());
                return;
            }
        }
        chain.doFilter(request, response);
    }

    private boolean checksPassword(HttpServletRequest request) {
        if (request.getHeader(HttpHeaders.AUTHORIZATION) != null) {
            return true;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return "POST".equals(request.getMethod()) && webappLogin.matcher(path).matches();
    }

    private static void refuse(HttpServletResponse response, Duration wait) throws IOException {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        FilterProblems.write(response, FilterProblems.problem(429, "too-many-failed-logins", "Too many failed logins",
                "Too many failed logins from this address; try again in " + seconds + " s"));
    }
}
