package dev.recoveryorchestrator.action;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The protected system, as the runbook describes it: where it answers, where its files live.
 *
 * @param name identifies the target in incidents; one open incident per failure type and target
 * @param healthUrl the backend's health endpoint; 200 with {@code "status":"ok"} means healthy
 * @param frontendUrl the web frontend, checked by the runbooks that name it
 * @param host the host's (intranet) address, which the network checks compare with loopback
 * @param ports the ports the service listens on (backend, frontend): the port and network checks
 * @param logFile the backend's log, read for the runbooks' error patterns
 * @param databaseFile the Access database file (Type 2)
 * @param backupDir the folder of the database backups ({@code routing_db_YYYYMMDD.accdb})
 * @param modelDir the folder of the model versions ({@code latest/}, dated versions) (Type 5)
 * @param predictorConfig the backend's settings file that holds the database connection string (Type 2)
 * @param composeDir the folder of the target's {@code docker-compose.yml} (Type 4, docker profile)
 * @param workdir the Routing ML workspace (its git checkout, where commands run)
 * @param stableCommit the last stable commit the rollback action checks out (롤백 절차)
 */
@Validated
@ConfigurationProperties("recovery.target")
public record TargetSettings(
        @DefaultValue("routing-ml") @NotBlank String name,
        @NotNull URI healthUrl,
        URI frontendUrl,
        @DefaultValue("127.0.0.1") @NotBlank String host,
        @DefaultValue({"8000", "5173"}) List<Integer> ports,
        @NotNull Path logFile,
        Path databaseFile,
        Path backupDir,
        Path modelDir,
        Path predictorConfig,
        Path composeDir,
        Path workdir,
        String stableCommit) {

    /** The backend's port: the one in the health URL, or its scheme's default. */
    public int backendPort() {
        if (healthUrl.getPort() > 0) {
            return healthUrl.getPort();
        }
        return "https".equals(healthUrl.getScheme()) ? 443 : 80;
    }
}
