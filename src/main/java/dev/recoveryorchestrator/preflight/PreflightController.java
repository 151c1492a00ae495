package dev.recoveryorchestrator.preflight;

import dev.recoveryorchestrator.incident.Responders;
import java.security.Principal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/preflight}: the table, checked now, for responders and admins (it names folders, programs and the
 * rollback's commit, which is more than every Camunda user needs to see). It takes no input.
 */
@RestController
@RequestMapping("/api/preflight")
class PreflightController {

    private final Preflight preflight;
    private final Responders responders;

    PreflightController(Preflight preflight, Responders responders) {
        this.preflight = preflight;
        this.responders = responders;
    }

    @GetMapping
    Preflight.Report check(Principal user) {
        responders.require(user, "the preflight");
        return preflight.run();
    }
}
