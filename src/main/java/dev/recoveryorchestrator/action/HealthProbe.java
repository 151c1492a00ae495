package dev.recoveryorchestrator.action;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Asks the target's health endpoint whether it is well: HTTP 200 with {@code "status":"ok"}.
 *
 * <p>Plain HTTP/1.1: left at its default the JDK client asks a plain-HTTP server to upgrade to HTTP/2
 * ({@code Upgrade: h2c}), which some uvicorn builds refuse, and a refused check reads as "down" forever. What the
 * target answers is data for the timeline and the incident's summary: one line, control characters removed, cut.
 */
@Component
public class HealthProbe {

    static final int MAX_DETAIL = 200;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    /** A health answer is small; of a larger one only this much is read. */
    static final int MAX_BODY = 64 * 1024;
    private static final Pattern STATUS_OK = Pattern.compile("\"status\"\\s*:\\s*\"ok\"");
    private static final Pattern NOT_PRINTABLE = Pattern.compile("[\\s\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}]+");
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(CONNECT_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    /**
     * One check, bounded: {@code timeout} for the answer (plus the connect timeout), and of the body only the first
     * {@value #MAX_BODY} bytes, so that neither a slow nor a huge answer holds the caller.
     */
    public Health check(URI url, Duration timeout) {
        Answer answer = ask(HttpRequest.newBuilder(url).GET(), timeout);
        if (!answer.answered()) {
            return new Health(false, answer.detail());
        }
        boolean ok = answer.status() == 200 && STATUS_OK.matcher(answer.body()).find();
        return new Health(ok, answer.detail());
    }

    /**
     * Sends one configured request (the monitor's probe of {@code /api/predict}), bounded as {@link #check}. The
     * method, headers and body are the configuration's, sent as they are; what comes back is data.
     */
    public Answer request(URI url, String method, Map<String, String> headers, String body, Duration timeout) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return ask(request, timeout);
    }

    private Answer ask(HttpRequest.Builder request, Duration timeout) {
        CompletableFuture<HttpResponse<byte[]>> answer = client.sendAsync(request.timeout(timeout).build(),
                response -> new FirstBytes(MAX_BODY));
        try {
            HttpResponse<byte[]> response = answer.get(timeout.plus(CONNECT_TIMEOUT).toMillis(), TimeUnit.MILLISECONDS);
            String body = new String(response.body(), StandardCharsets.UTF_8);
            return new Answer(response.statusCode(), body, "HTTP " + response.statusCode() + " " + abbreviate(body));
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return new Answer(-1, "", abbreviate(cause.getClass().getSimpleName()
                    + (cause.getMessage() == null ? "" : ": " + cause.getMessage())));
        } catch (TimeoutException e) {
            answer.cancel(true);
            return new Answer(-1, "", "no answer within " + timeout.plus(CONNECT_TIMEOUT));
        } catch (InterruptedException e) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            return new Answer(-1, "", "interrupted");
        }
    }

    /**
     * Checks up to {@code retry.attempts()} times, {@code retry.interval()} apart ({@link Attempts}), and stops at the
     * first healthy answer. Returns the last answer.
     */
    public Health checkRepeatedly(URI url, Duration timeout, HealthCheckSettings.Retry retry) throws InterruptedException {
        return Attempts.until(retry, () -> check(url, timeout), Health::healthy).last();
    }

    /** Text from outside as one printable line of at most {@value #MAX_DETAIL} characters, for a timeline or summary. */
    public static String oneLine(String text) {
        return abbreviate(text);
    }

    /** Text from outside as one printable line of at most {@code max} characters (and an ellipsis when cut). */
    public static String oneLine(String text, int max) {
        String line = NOT_PRINTABLE.matcher(text == null ? "" : text).replaceAll(" ").strip();
        if (line.length() <= max) {
            return line;
        }
        int cut = Character.isHighSurrogate(line.charAt(max - 1)) ? max - 1 : max;
        return line.substring(0, cut) + "…";
    }

    static String abbreviate(String body) {
        return oneLine(body, MAX_DETAIL);
    }

    /** Keeps the first {@code limit} bytes of a body and stops reading there. */
    private static final class FirstBytes implements HttpResponse.BodySubscriber<byte[]> {

        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final int limit;
        private Flow.Subscription subscription;

        FirstBytes(int limit) {
            this.limit = limit;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            for (ByteBuffer buffer : buffers) {
                int take = Math.min(buffer.remaining(), limit - bytes.size());
                byte[] chunk = new byte[take];
                buffer.get(chunk);
                bytes.write(chunk, 0, take);
            }
            if (bytes.size() >= limit && !result.isDone()) {
                subscription.cancel();
                result.complete(bytes.toByteArray());
            }
        }

        @Override
        public void onError(Throwable error) {
            result.completeExceptionally(error);
        }

        @Override
        public void onComplete() {
            result.complete(bytes.toByteArray());
        }
    }

    /**
     * What a target answered.
     *
     * @param status the HTTP status; -1 when nothing answered
     * @param body at most {@value #MAX_BODY} bytes of the body, as text
     * @param detail status and body, or the error, as one line for the timeline
     */
    public record Answer(int status, String body, String detail) {

        public boolean answered() {
            return status >= 0;
        }
    }

    /** @param detail status and body, or the error, for the timeline */
    public record Health(boolean healthy, String detail) {
    }
}
