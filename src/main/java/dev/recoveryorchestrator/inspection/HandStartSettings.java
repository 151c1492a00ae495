package dev.recoveryorchestrator.inspection;

import jakarta.validation.constraints.NotBlank;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Who may start the daily backup, the inspections and a drill by hand ({@link HandStarts}): in Tasklist's
 * <em>Start process</em> and through {@code POST /api/inspections/{kind}}. Camunda's admins always may.
 *
 * @param starters the groups whose members may (devops and above by default); empty: the admins only
 */
@Validated
@ConfigurationProperties("recovery.inspection")
record HandStartSettings(@DefaultValue({"devops", "backend", "it", "cto"}) List<@NotBlank String> starters) {
}
