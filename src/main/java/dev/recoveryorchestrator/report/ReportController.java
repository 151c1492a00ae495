package dev.recoveryorchestrator.report;

import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code GET /api/incidents/{id}/report}: the newest written version of the post-incident report as
 * {@code text/markdown}; before one is written (an incident still open, or closed), the report as it stands now,
 * marked draft.
 */
@RestController
class ReportController {

    static final MediaType MARKDOWN = new MediaType("text", "markdown", StandardCharsets.UTF_8);
    private final Reports reports;

    ReportController(Reports reports) {
        this.reports = reports;
    }

    @GetMapping("/api/incidents/{id}/report")
    ResponseEntity<String> report(@PathVariable String id) {
        String report = reports.latestOrCurrent(id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no incident " + id));
        return ResponseEntity.ok().contentType(MARKDOWN).body(report);
    }
}
