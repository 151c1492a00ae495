package dev.recoveryorchestrator.runbook.databaseunreachable;

import dev.recoveryorchestrator.action.AccessFiles;
import dev.recoveryorchestrator.action.HealthProbe.Health;
import dev.recoveryorchestrator.incident.FailureType;
import dev.recoveryorchestrator.incident.RecoveryCheck;
import java.io.IOException;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Type 2 is recovered only when, besides {@code /api/health}: read-only mode is off (in read-only mode predictions
 * are answered without the database, so they prove nothing), the database file opens with Jackcess, and the predict
 * request succeeds. Without this the lifecycle's health watch would call a broken database "recovered" after a few
 * passing health checks while a person is still deciding on the restore.
 */
@Component
class DatabaseRecoveryCheck implements RecoveryCheck {

    private final DatabaseChecks checks;

    DatabaseRecoveryCheck(DatabaseChecks checks) {
        this.checks = checks;
    }

    @Override
    public FailureType type() {
        return FailureType.DATABASE_UNREACHABLE;
    }

    @Override
    public Health look() {
        Optional<Boolean> readOnly;
        try {
            readOnly = ReadOnlyModeFile.read(checks.predictorConfig());
        } catch (IOException | RuntimeException e) {
            readOnly = Optional.empty();
        }
        if (readOnly.orElse(false)) {
            return new Health(false, "read_only_mode: true (임시 조치 중)");
        }
        AccessFiles.Contents contents = AccessFiles.open(checks.databaseFile());
        if (contents.state() != AccessFiles.State.FINE) {
            return new Health(false, "데이터베이스 " + contents.describe());
        }
        return checks.predictOnce();
    }
}
