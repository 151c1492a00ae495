package dev.recoveryorchestrator.preflight;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The preflight once the application has started, on a thread of its own so that a slow probe never delays the
 * start or the engine: every gap is a warning in the log with what to do, and the same table is at
 * {@code GET /api/preflight} and in the weekly inspection.
 */
@Component
class PreflightOnStart {

    private static final Logger log = LoggerFactory.getLogger(PreflightOnStart.class);

    private final Preflight preflight;
    private final PreflightSettings settings;

    PreflightOnStart(Preflight preflight, PreflightSettings settings) {
        this.preflight = preflight;
        this.settings = settings;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        if (!settings.onStart()) {
            return;
        }
        Thread thread = new Thread(this::report, "preflight");
        thread.setDaemon(true);
        thread.start();
    }

    void report() {
        try {
            Preflight.Report report = preflight.run();
            if (report.ok()) {
                log.info("Preflight: all {} prerequisites of the deployed runbooks are in place", report.rows().size());
                return;
            }
            report.gaps().forEach(row -> log.warn("Preflight: {}", row.line()));
            log.warn("Preflight: {} of {} prerequisites are not in place (GET /api/preflight for the table)",
                    report.gaps().size(), report.rows().size());
        } catch (RuntimeException e) {
            log.warn("Preflight could not run", e);
        }
    }
}
