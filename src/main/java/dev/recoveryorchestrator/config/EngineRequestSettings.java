package dev.recoveryorchestrator.config;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Bounds of what the engine's REST API and the webapps' API take ({@link EngineRequestBoundFilter}).
 *
 * @param maxBody the largest request body on {@code /engine-rest/*} and the webapps' {@code /api/*}: the bound of every
 *     variable, form field, file variable and attachment a request carries. Larger: 413, nothing stored
 */
@Validated
@ConfigurationProperties("recovery.security.engine-request")
record EngineRequestSettings(@DefaultValue("1MB") @NotNull DataSize maxBody) {
}
