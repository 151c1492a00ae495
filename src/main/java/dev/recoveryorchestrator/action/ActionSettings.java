package dev.recoveryorchestrator.action;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Named commands from configuration ({@code recovery.actions.<name>}). A command is data: an argument list,
 * a working folder, a timeout and the exit codes that mean success; nothing from an alert or a form is ever
 * put into it.
 */
@Validated
@ConfigurationProperties("recovery")
public record ActionSettings(@DefaultValue Map<String, @Valid Action> actions) {

    /**
     * One named action: its steps run in order, and the first failing step ends it.
     *
     * @param workdir folder the steps run in; the application's folder when unset
     * @param timeout limit for each step
     * @param env extra environment variables
     */
    public record Action(
            @NotEmpty List<@Valid Step> steps,
            Path workdir,
            @DefaultValue("PT2M") @NotNull Duration timeout,
            @DefaultValue Map<String, String> env) {
    }

    /**
     * @param command the argument list; the first element is the program
     * @param successExitCodes exit codes that count as success
     * @param background start the program and do not wait for it (a server started again)
     * @param output file that receives the output of a background program
     */
    public record Step(
            @NotEmpty List<String> command,
            @DefaultValue("0") Set<Integer> successExitCodes,
            @DefaultValue("false") boolean background,
            Path output) {
    }
}
