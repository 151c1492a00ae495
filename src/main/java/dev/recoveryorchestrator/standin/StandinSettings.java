package dev.recoveryorchestrator.standin;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The demo's stand-in Routing ML backend.
 *
 * @param enabled start it with the application (the demo default); off wherever a real target is protected
 * @param dir its folder: log file, fault switch
 * @param version what its health endpoint reports
 * @param stableVersion what it reports after the demo's rollback action
 */
@Validated
@ConfigurationProperties("recovery.standin")
public record StandinSettings(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("18000") @Min(1) @Max(65535) int port,
        @DefaultValue("127.0.0.1") @NotBlank String bind,
        @DefaultValue("./data/standin") @NotNull Path dir,
        @DefaultValue("1.0.0-standin") @NotBlank String version,
        @DefaultValue("0.9.0-stable") @NotBlank String stableVersion,
        @DefaultValue("PT15S") @NotNull Duration startTimeout) {

    Path logFile() {
        return dir.resolve("backend.log");
    }

    /** While this file exists the stand-in's health check fails: {@code touch data/standin/fault} to try it. */
    public Path faultFile() {
        return dir.resolve("fault");
    }
}
