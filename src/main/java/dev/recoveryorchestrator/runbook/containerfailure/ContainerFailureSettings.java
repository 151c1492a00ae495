package dev.recoveryorchestrator.runbook.containerfailure;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Type 4 [Docker 컨테이너 오류] ({@code recovery.runbook.container-failure}). The commands are the actions
 * {@code container-list}, {@code container-logs}, {@code container-ports}, {@code container-volumes},
 * {@code container-leftovers}, {@code container-remove}, {@code compose-down}, {@code compose-rebuild} and
 * {@code rebuild-last-known-good} under {@code recovery.actions}; the ports are {@code recovery.target.ports}.
 *
 * @param project the compose project: its containers carry the label {@code com.docker.compose.project=<project>}
 * @param services the services that must run ({@code docker compose ps}: predictor, frontend)
 * @param logLines lines of each service's log read during diagnosis ({@code docker compose logs --tail N}); the
 *     {@code container-logs} action takes it from here
 * @param volumes the volumes the compose file names, which must exist before and after the rebuild
 * @param killGrace how long a port holder may take to end after SIGTERM before it gets SIGKILL
 * @param serviceProcesses command lines (regular expressions) of the service itself (docker-proxy, uvicorn): a port
 *     held by one of them is no conflict
 * @param allowList command lines (regular expressions) that may be stopped without a person's approval; empty by
 *     default: every foreign holder waits for approval
 * @param protectedProcesses command lines never stopped, approval or not (the database)
 * @param protectedPorts ports whose holders are never stopped (the database's)
 * @param maxStops port holders stopped per incident before a person takes over (a holder that keeps coming back)
 */
@Validated
@ConfigurationProperties("recovery.runbook.container-failure")
public record ContainerFailureSettings(
        @DefaultValue("routing-ml") @NotNull @Pattern(regexp = "[a-z0-9][a-z0-9_-]{0,62}") String project,
        @DefaultValue({"predictor", "frontend"}) List<@Pattern(regexp = "[a-zA-Z0-9][a-zA-Z0-9_.-]{0,62}") String> services,
        @DefaultValue("100") @Min(1) @Max(10000) int logLines,
        @DefaultValue("routing-ml_models") List<@Pattern(regexp = "[a-zA-Z0-9][a-zA-Z0-9_.-]{0,127}") String> volumes,
        @DefaultValue("PT10S") @NotNull Duration killGrace,
        @DefaultValue({"docker-proxy", "uvicorn backend\\.run_api:app"}) List<java.util.regex.Pattern> serviceProcesses,
        @DefaultValue List<java.util.regex.Pattern> allowList,
        @DefaultValue({"postgres", "mysqld", "mariadbd"}) List<java.util.regex.Pattern> protectedProcesses,
        @DefaultValue("5432") List<@Min(1) @Max(65535) Integer> protectedPorts,
        @DefaultValue("3") @Min(1) @Max(20) int maxStops) {
}
