package dev.recoveryorchestrator.intake;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.recoveryorchestrator.config.InvalidInputException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngineException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.TransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/alerts/alertmanager} and {@code POST /api/alerts/grafana} (bearer token, {@link
 * IntakeAuthenticationFilter}), {@code GET /api/alerts/unmatched} (Basic, any user). A notification is answered 200
 * once every alert in it is stored and handled; the incidents' runbooks run afterwards in the engine's jobs. Bad
 * input gets a 4xx problem detail and stores nothing; while the database cannot be reached the answer is 503, so
 * the sender retries (Alertmanager retries on 5xx, and treats 4xx as final).
 */
@RestController
@RequestMapping("/api/alerts")
class AlertController {

    private static final Logger log = LoggerFactory.getLogger(AlertController.class);
    private final AlertIntake intake;
    private final IntakeSettings settings;
    private final NotificationParser parser;

    AlertController(AlertIntake intake, IntakeSettings settings, ObjectMapper json) {
        this.intake = intake;
        this.settings = settings;
        this.parser = new NotificationParser(json);
    }

    @PostMapping("/alertmanager")
    Receipt alertmanager(HttpServletRequest request) throws IOException {
        return receive(NotificationParser.ALERTMANAGER, body(request));
    }

    @PostMapping("/grafana")
    Object grafana(HttpServletRequest request) throws IOException {
        byte[] body = body(request);
        if (settings.grafana().signed()) {
            var problem = GrafanaSignature.problem(settings.grafana(),
                    request.getHeader(settings.grafana().signatureHeader()),
                    request.getHeader(settings.grafana().timestampHeader()), body);
            if (problem.isPresent()) {
                ProblemDetail refused = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, problem.get());
                refused.setTitle("Invalid signature");
                return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(refused);
            }
        }
        return receive(NotificationParser.GRAFANA, body);
    }

    @GetMapping("/unmatched")
    List<AlertStore.KeptAlert> unmatched() {
        return intake.unmatched();
    }

    private Receipt receive(String source, byte[] body) {
        Notification notification = parser.parse(source, body);
        if (notification.alerts().size() > settings.maxAlertsPerNotification()) {
            throw new TooLarge("alerts", "the notification carries " + notification.alerts().size() + " alerts, more than "
                    + settings.maxAlertsPerNotification() + " (recovery.intake.max-alerts-per-notification; set "
                    + "Alertmanager's max_alerts to at most that)");
        }
        return new Receipt(notification.alerts().size(), notification.truncatedAlerts(), intake.receive(notification));
    }

    /** The body, read up to {@code recovery.intake.max-body}; a larger one is refused before it is all read. */
    private byte[] body(HttpServletRequest request) throws IOException {
        long limit = settings.maxBody().toBytes();
        if (request.getContentLengthLong() > limit) {
            throw TooLarge.body(limit);
        }
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
            if (body.length > limit) {
                throw TooLarge.body(limit);
            }
            if (body.length == 0) {
                throw new InvalidInputException("body", "the request body is empty: an alert notification is required");
            }
            return body;
        }
    }

    @ExceptionHandler(TooLarge.class)
    ResponseEntity<ProblemDetail> tooLarge(TooLarge e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.PAYLOAD_TOO_LARGE, e.getMessage());
        problem.setTitle("Notification too large");
        problem.setProperty("field", e.field);
        return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).header(HttpHeaders.CONNECTION, "close").body(problem);
    }

    /**
     * The database did not answer (no connection, the server shutting down): 503, so that the sender keeps the
     * notification and sends it again. Any other failure stays a 500: sending the same notification again would not help.
     */
    @ExceptionHandler({DataAccessException.class, TransactionException.class, ProcessEngineException.class})
    ResponseEntity<ProblemDetail> databaseUnavailable(RuntimeException e) {
        if (!DatabaseUnavailable.causes(e)) {
            throw e;
        }
        return unavailable(e);
    }

    private static ResponseEntity<ProblemDetail> unavailable(Exception e) {
        log.error("Alert notification not taken: the database cannot be reached; answering 503 so that it is sent again", e);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "the orchestrator's database cannot be reached; send the notification again");
        problem.setTitle("Database unavailable");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "30").body(problem);
    }

    /** The answer to a notification: what became of each alert. */
    record Receipt(int received, int truncatedAlerts, List<AlertIntake.Handled> alerts) {
    }

    /** A notification over one of its bounds: its body over {@code max-body}, or too many alerts. */
    static final class TooLarge extends RuntimeException {

        private final String field;

        TooLarge(String field, String message) {
            super(message);
            this.field = field;
        }

        static TooLarge body(long limit) {
            return new TooLarge("body", "the notification is larger than " + limit + " bytes (recovery.intake.max-body)");
        }
    }
}
