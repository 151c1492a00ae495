package dev.recoveryorchestrator.config;

import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.net.URI;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/** Turns refused input into RFC 7807 problem details that say which field is wrong and why. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class ProblemDetails {

    @ExceptionHandler(InvalidInputException.class)
    ProblemDetail invalid(InvalidInputException e) {
        return problem(e.field(), e.getMessage());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ProblemDetail unreadable(HttpMessageNotReadableException e) {
        if (e.getCause() instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
            String field = mismatch.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining("."));
            String reason = mismatch instanceof InvalidFormatException ? "has the wrong type" : "cannot be read";
            return problem(field, field + " " + reason);
        }
        return problem("body", "the request body is not valid JSON: " + firstLine(e.getMostSpecificCause().getMessage()));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail mismatch(MethodArgumentTypeMismatchException e) {
        return problem(e.getName(), e.getName() + " has an unsupported value '" + e.getValue() + "'");
    }

    /** A request that met a step of the same process running at the same moment, after its own retries: 409. */
    @ExceptionHandler(OptimisticLockingException.class)
    ProblemDetail conflict(OptimisticLockingException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, "the incident's process changed "
                + "while this request ran (a step of its runbook at the same moment); nothing was changed: send it again");
        problem.setTitle("Concurrent change");
        problem.setType(URI.create("urn:recovery-orchestrator:problem:concurrent-change"));
        return problem;
    }

    static ProblemDetail problem(String field, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        problem.setTitle("Invalid input");
        problem.setType(URI.create("urn:recovery-orchestrator:problem:invalid-input"));
        problem.setProperty("field", field);
        return problem;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "empty";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }
}
