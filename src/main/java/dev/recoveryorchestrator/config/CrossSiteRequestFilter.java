package dev.recoveryorchestrator.config;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Keeps other sites' pages from changing state through {@code /api} with the browser's cached Basic credentials
 * (a form on any page could start the monthly inspection, which kills the backend for a drill). A state-changing
 * request ({@code POST}, {@code PUT}, {@code PATCH}, {@code DELETE}) is refused with a problem detail
 * <ul>
 * <li>403 when it carries an {@code Origin} that is neither the application's own (the scheme and {@code Host} the
 * request came to) nor one of {@code recovery.security.cross-site.allowed-origins} ({@code null}, sent by sandboxed
 * frames and files, is no origin of ours);</li>
 * <li>415 when a {@code POST}, {@code PUT} or {@code PATCH} is not JSON: a cross-site page can send a form or
 * {@code text/plain} without asking, but JSON only after a CORS preflight, which this application never grants.</li>
 * </ul>
 * A request without {@code Origin} comes from no browser page (curl, Alertmanager, Grafana: the webhooks send JSON
 * and authenticate with their own bearer token) and is judged by its content type alone. Reading needs no check:
 * a cross-site page cannot read the answer.
 * <p>
 * One form is ours: the acknowledge page's button ({@code POST /api/acknowledge}, a plain HTML form, so that it works
 * from any mail client's browser without script). It may post a form; its own protection against other sites is the
 * signed, single-use token it carries, which only the mail's recipient has, and the Origin check above.
 */
class CrossSiteRequestFilter extends OncePerRequestFilter {

    private static final Set<String> STATE_CHANGING = Set.of("POST", "PUT", "PATCH", "DELETE");
    private static final Set<String> WITH_BODY = Set.of("POST", "PUT", "PATCH");
    /** The acknowledge button's form (incident/AcknowledgeLinks.PATH; config/ builds on no feature package). */
    static final String ACKNOWLEDGE_FORM = "/api/acknowledge";

    private final CrossSiteSettings settings;

    CrossSiteRequestFilter(CrossSiteSettings settings) {
        this.settings = settings;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !STATE_CHANGING.contains(request.getMethod().toUpperCase(Locale.ROOT));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        if (origin != null && !allowed(CrossSiteSettings.normalized(origin), request)) {
            refuse(response, HttpServletResponse.SC_FORBIDDEN, "Forbidden", "a page of another origin may not change "
                    + "state here (Origin is not this application's, nor in recovery.security.cross-site.allowed-origins)");
            return;
        }
        if (WITH_BODY.contains(request.getMethod().toUpperCase(Locale.ROOT)) && !json(request.getContentType())
                && !acknowledgeForm(request)) {
            refuse(response, HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE, "Unsupported Media Type",
                    "a request that changes state sends Content-Type: application/json (with {} for no fields)");
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean acknowledgeForm(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String type = request.getContentType();
        return path.equals(ACKNOWLEDGE_FORM) && type != null
                && type.toLowerCase(Locale.ROOT).startsWith(MediaType.APPLICATION_FORM_URLENCODED_VALUE);
    }

    private boolean allowed(String origin, HttpServletRequest request) {
        return origin.equals(own(request)) || settings.allowedOrigins().contains(origin);
    }

    /** The application's origin as this request reached it: its scheme and Host header. */
    private static String own(HttpServletRequest request) {
        String host = request.getHeader(HttpHeaders.HOST);
        if (host == null) {
            return "";
        }
        String scheme = request.getScheme().toLowerCase(Locale.ROOT);
        String origin = scheme + "://" + host.strip().toLowerCase(Locale.ROOT);
        // a browser leaves the default port out of Origin; a client may still put it into Host
        return origin.endsWith(":80") && scheme.equals("http") || origin.endsWith(":443") && scheme.equals("https")
                ? origin.substring(0, origin.lastIndexOf(':')) : origin;
    }

    private static boolean json(String contentType) {
        if (contentType == null) {
            return false;
        }
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return MediaType.APPLICATION_JSON.isCompatibleWith(type) && !type.isWildcardSubtype()
                    || type.getType().equals("application") && type.getSubtype().endsWith("+json");
        } catch (org.springframework.util.InvalidMimeTypeException e) {
            return false;
        }
    }

    private static void refuse(HttpServletResponse response, int status, String title, String detail)
            throws IOException {
        FilterProblems.write(response, FilterProblems.problem(status, title, detail));
    }
}
