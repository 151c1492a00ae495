package dev.recoveryorchestrator.inspection.drill;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * DR drills ({@code recovery.inspection.drill}).
 *
 * @param environment what the target is: {@code standin} (the demo's stand-in, needs {@code recovery.standin.enabled}),
 *     {@code staging} (a target an operator declares safe to break) or {@code production} (the default): a drill runs
 *     only against the first two and is REFUSED otherwise, with nothing injected
 * @param injections per failure type id, the action (from {@code recovery.actions} or a stand-in action) that injects
 *     that failure for real; a type without one is refused ("no safe injection here")
 * @param restoreAction the action the drill runs itself when the target does not answer its health check after the
 *     drill incident ended (a tracked action, through {@code run-action})
 * @param pollInterval how often the drill looks whether its incident has ended
 * @param windowGrace how long the drill's maintenance window outlasts the RTO acceptable limit after the injection
 *     (for the drill's own restore); the window ends by itself then, and the drill ends it at once when done
 */
@Validated
@ConfigurationProperties("recovery.inspection.drill")
public record DrillSettings(
        @DefaultValue("production") @NotNull Environment environment,
        @DefaultValue Map<String, @NotNull @Pattern(regexp = "[a-z][a-z0-9-]{0,59}") String> injections,
        @DefaultValue("restart-backend") @NotNull String restoreAction,
        @DefaultValue("PT5S") @NotNull Duration pollInterval,
        @DefaultValue("PT5M") @NotNull Duration windowGrace) {

    /** What the configured target is, as far as drills are concerned. */
    public enum Environment {
        STANDIN, STAGING, PRODUCTION
    }
}
