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
 * @param port the port its HTTP server listens on (the demo's health URL points at it)
 * @param bind the address it listens on
 * @param startTimeout how long a start may take before it counts as failed
 * @param dir its folder: log file, fault switch
 * @param version what its health endpoint reports
 * @param stableVersion what it reports after the demo's rollback action
 * @param hostBind a second address it listens on, playing the host's (intranet) address, which the
 *     {@code network-fault} switch closes while {@code bind} (loopback) keeps answering; empty for none. Any
 *     127.x.y.z works on Linux; elsewhere configure one the machine has.
 * @param switchInterval how often it looks at its switch files and repeats the log lines of those that are on
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
        @DefaultValue("PT15S") @NotNull Duration startTimeout,
        @DefaultValue("") String hostBind,
        @DefaultValue("PT0.5S") @NotNull Duration switchInterval) {

    Path logFile() {
        return dir.resolve("backend.log");
    }

    /** Its model files ({@code latest/}, dated versions), which it loads as Routing ML does ({@link DemoModels}). */
    public Path modelDir() {
        return dir.resolve("models");
    }

    /** While this file exists the stand-in's health check fails: {@code touch data/standin/fault} to try it. */
    public Path faultFile() {
        return dir.resolve("fault");
    }

    /**
     * A switch file of the stand-in's folder: {@code db-fault}, {@code model-fault}, {@code port-conflict},
     * {@code network-fault} (see {@link StandinServer}).
     */
    public Path switchFile(String name) {
        if (!SWITCHES.contains(name)) {
            throw new IllegalArgumentException("no stand-in switch '" + name + "' (known: " + SWITCHES + ")");
        }
        return dir.resolve(name);
    }

    /** The switches besides {@code fault}; {@code damage-database} really damages the demo's database once. */
    public static final java.util.List<String> SWITCHES = java.util.List.of("db-fault", "model-fault", "port-conflict",
            "network-fault", "damage-model", "damage-database");
}
