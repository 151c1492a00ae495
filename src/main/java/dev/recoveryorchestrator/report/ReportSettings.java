package dev.recoveryorchestrator.report;

import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code recovery.reports-dir}: where post-incident reports are written ({@code YYYY-MM-DD.md}), the runbook's
 * {@code docs/incident_reports} by default, relative to the working folder.
 *
 * @param reportsDir where post-incident reports are written, one {@code YYYY-MM-DD.md} a day
 */
@Validated
@ConfigurationProperties("recovery")
record ReportSettings(@DefaultValue("data/incident_reports") @NotNull Path reportsDir) {
}
