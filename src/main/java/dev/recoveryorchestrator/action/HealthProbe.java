package dev.recoveryorchestrator.action;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/** Asks the target's health endpoint whether it is well: HTTP 200 with {@code "status":"ok"}. */
@Component
public class HealthProbe {

    private static final Pattern STATUS_OK = Pattern.compile("\"status\"\\s*:\\s*\"ok\"");
    private final HttpClient client = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(2))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    public Health check(URI url, Duration timeout) {
        try {
            HttpResponse<String> response = client.send(
                    HttpRequest.newBuilder(url).timeout(timeout).GET().build(), HttpResponse.BodyHandlers.ofString());
            String body = abbreviate(response.body());
            boolean ok = response.statusCode() == 200 && STATUS_OK.matcher(response.body()).find();
            return new Health(ok, "HTTP " + response.statusCode() + " " + body);
        } catch (IOException e) {
            return new Health(false, e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Health(false, "interrupted");
        }
    }

    /**
     * Checks up to {@code attempts} times, pausing {@code interval} between checks, and stops at the first healthy
     * answer. Returns the last answer.
     */
    public Health checkRepeatedly(URI url, Duration timeout, int attempts, Duration interval) throws InterruptedException {
        Health health = check(url, timeout);
        for (int attempt = 1; !health.healthy() && attempt < attempts; attempt++) {
            Thread.sleep(interval.toMillis());
            health = check(url, timeout);
        }
        return health;
    }

    private static String abbreviate(String body) {
        String line = body.replaceAll("\\s+", " ").strip();
        return line.length() <= 200 ? line : line.substring(0, 200) + "…";
    }

    /** @param detail status and body, or the error, for the timeline */
    public record Health(boolean healthy, String detail) {
    }
}
