package dev.recoveryorchestrator.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/**
 * The problem details (RFC 7807) that the servlet filters answer with, before any controller (and so before
 * {@link ProblemDetails}) is reached: one writer, so every refusal has the same shape and its text is JSON-escaped.
 */
final class FilterProblems {

    private static final ObjectMapper JSON = new ObjectMapper();

    private FilterProblems() {
    }

    /** A problem of {@code about:blank} type. */
    static ProblemDetail problem(int status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatusCode.valueOf(status), detail);
        problem.setTitle(title);
        return problem;
    }

    /** A problem of a type of this application's ({@code urn:recovery-orchestrator:problem:<name>}). */
    static ProblemDetail problem(int status, String type, String title, String detail) {
        ProblemDetail problem = problem(status, title, detail);
        problem.setType(URI.create("urn:recovery-orchestrator:problem:" + type));
        return problem;
    }

    /** Writes the problem as the whole answer: its status, the problem content type and the JSON body. */
    static void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        JSON.writeValue(response.getOutputStream(), body(problem));
    }

    private static Map<String, Object> body(ProblemDetail problem) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", problem.getType().toString());
        body.put("title", problem.getTitle());
        body.put("status", problem.getStatus());
        body.put("detail", problem.getDetail());
        if (problem.getProperties() != null) {
            body.putAll(problem.getProperties());
        }
        return body;
    }
}
