package dev.recoveryorchestrator.runbook.databaseunreachable;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Type 2 [Access Database 접근 불가]. The files themselves are {@code recovery.target.database-file},
 * {@code backup-dir} and {@code predictor-config}; the restart is the action {@code restart-backend}.
 *
 * @param envFile the env file the service reads {@code ACCESS_CONNECTION_STRING} from; unset: not checked
 * @param connectionStringVariable the variable's name in it
 * @param driver what a connection string starts with when the variable is missing and must be added
 * @param mountPoint the network share the database lives on ({@code /mnt/data}); unset: not checked ("미설정")
 * @param backupName a daily backup's file name; its one group is the day, {@code yyyyMMdd}
 * @param backupsExamined at most this many of the newest backups are opened to find one that is not damaged
 * @param copyLimit the longest a restore's copy may take inside its job; twice this (the copy, then reading both files
 *     back to compare them) at most {@code recovery.commands.inline-limit} (checked at start). An Access file is at most 2 GB, so this bounds the copy; a slower copy is abandoned (its
 *     temporary file removed, the database untouched) and a person takes over
 * @param predict the request that shows the symptom and verifies the recovery
 * @param approverGroup who approves a restore whose data-loss window is beyond the RPO's acceptable limit (the CTO)
 * @param confirmReadOnlyOff whether a person confirms before read-only mode is switched off again
 */
@Validated
@ConfigurationProperties("recovery.runbook.database-unreachable")
public record DatabaseUnreachableSettings(
        Path envFile,
        @DefaultValue("ACCESS_CONNECTION_STRING") @NotNull @jakarta.validation.constraints.Pattern(
                regexp = "[A-Za-z_][A-Za-z0-9_]*") String connectionStringVariable,
        @DefaultValue("Driver={Microsoft Access Driver (*.mdb, *.accdb)};") @NotNull String driver,
        Path mountPoint,
        @DefaultValue("routing_db_(\\d{8})\\.accdb") @NotNull Pattern backupName,
        @DefaultValue("14") @Min(1) @Max(366) int backupsExamined,
        @DefaultValue("PT1M") @NotNull Duration copyLimit,
        @DefaultValue @Valid Predict predict,
        @DefaultValue("cto") @NotBlank String approverGroup,
        @DefaultValue("true") boolean confirmReadOnlyOff) {

    /**
     * The predict request: a failing answer (one of {@code failureStatuses}, or a body matching a
     * {@code failurePatterns}) is the symptom; a 2xx answer without them verifies the recovery. Like the monitor's
     * probe it must be read-only for the service.
     *
     * @param method the HTTP method
     * @param path resolved against {@code recovery.target.health-url}
     * @param body sent as it is; none when unset
     * @param failureStatuses the answer statuses that show the database unreachable
     * @param failurePatterns regular expressions, searched in the answer's body, that show it
     */
    public record Predict(
            @DefaultValue("GET") @NotBlank String method,
            @DefaultValue("/api/predict") @NotBlank String path,
            String body,
            @DefaultValue("500") @NotEmpty Set<Integer> failureStatuses,
            @DefaultValue({"Database connection failed", "Access Driver not found"}) @NotEmpty List<Pattern> failurePatterns) {
    }
}
