package dev.recoveryorchestrator.runbook.backendapidown;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Type 1 [Backend API 서버 다운]. The commands themselves are the actions {@code check-backend-process},
 * {@code restart-backend} and {@code rollback-backend} under {@code recovery.actions}.
 *
 * @param logLines lines of the backend log read during diagnosis (tail -100)
 * @param logWatch how long the log is watched for errors after a healthy restart
 * @param errorPattern what an error line looks like
 */
@Validated
@ConfigurationProperties("recovery.runbook.backend-api-down")
public record BackendApiDownSettings(
        @DefaultValue("100") @Min(1) @Max(10000) int logLines,
        @DefaultValue("PT1M") @NotNull Duration logWatch,
        @DefaultValue("\\b(ERROR|CRITICAL|Traceback)\\b") @NotNull Pattern errorPattern) {
}
