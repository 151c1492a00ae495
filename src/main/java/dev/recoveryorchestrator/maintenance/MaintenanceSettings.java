package dev.recoveryorchestrator.maintenance;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Maintenance windows.
 *
 * @param maxLength the longest window that may be declared: a window always ends, and one declared by mistake
 *     for a year would silence every detection
 * @param declarers the groups whose members may declare a window and end one early: a window silences paging, so
 *     not every responder may open one
 * @param maxLeadTime how far ahead a window may start: a window planned far ahead is forgotten, and then silences an
 *     outage nobody expects
 */
@Validated
@ConfigurationProperties("recovery.maintenance")
public record MaintenanceSettings(@DefaultValue("P7D") @NotNull Duration maxLength,
        @DefaultValue({"devops", "cto", "camunda-admin"}) @NotEmpty List<@NotBlank String> declarers,
        @DefaultValue("P14D") @NotNull Duration maxLeadTime) {
}
