package dev.recoveryorchestrator.runbook.databaseunreachable;

import dev.recoveryorchestrator.action.Attempts;
import dev.recoveryorchestrator.action.HealthProbe;
import dev.recoveryorchestrator.action.HealthProbe.Answer;
import dev.recoveryorchestrator.action.HealthProbe.Health;
import dev.recoveryorchestrator.action.HealthCheckSettings;
import dev.recoveryorchestrator.action.TargetSettings;
import java.nio.file.Path;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * What Type 2's steps look at, in one place: the configured files (from {@code recovery.target}) and the predict
 * request. A predict answer is data: matched against the configured patterns, never interpreted.
 */
@Component
class DatabaseChecks {

    private final TargetSettings target;
    private final DatabaseUnreachableSettings settings;
    private final HealthProbe probe;
    private final HealthCheckSettings health;

    DatabaseChecks(TargetSettings target, DatabaseUnreachableSettings settings, HealthProbe probe,
            HealthCheckSettings health, dev.recoveryorchestrator.action.InlineLimit limit) {
        limit.require("recovery.runbook.database-unreachable.copy-limit", settings.copyLimit().multipliedBy(2),
                "The restore copies inside its job (up to copy-limit), then reads both files back to compare their "
                        + "tables and row counts, which reads no more than the copy did: twice copy-limit in all.");
        this.target = target;
        this.settings = settings;
        this.probe = probe;
        this.health = health;
    }

    Path databaseFile() {
        return required(target.databaseFile(), "recovery.target.database-file");
    }

    Path backupDir() {
        return required(target.backupDir(), "recovery.target.backup-dir");
    }

    Path predictorConfig() {
        return required(target.predictorConfig(), "recovery.target.predictor-config");
    }

    DatabaseUnreachableSettings settings() {
        return settings;
    }

    /** One predict request: {@code healthy} when answered 2xx without a failure status or pattern. */
    Health predictOnce() {
        Answer answer = predictAnswer();
        return new Health(answer.status() / 100 == 2 && !showsSymptom(answer), answer.detail());
    }

    /** Whether the answer is this type's symptom: a failure status or pattern (no answer at all is Type 1's). */
    boolean showsSymptom(Answer answer) {
        DatabaseUnreachableSettings.Predict predict = settings.predict();
        return answer.answered() && (predict.failureStatuses().contains(answer.status())
                || predict.failurePatterns().stream().anyMatch(p -> p.matcher(answer.body()).find()));
    }

    /** The configured predict request, sent as configured; what comes back is data. */
    Answer predictAnswer() {
        DatabaseUnreachableSettings.Predict predict = settings.predict();
        return probe.request(target.healthUrl().resolve(predict.path()), predict.method(), Map.of(), predict.body(),
                health.timeout());
    }

    /** Predict until it passes, as often as {@code recovery.health-check.after-action} allows. */
    Health predictRepeatedly() throws InterruptedException {
        return Attempts.until(health.afterAction(), this::predictOnce, Health::healthy).last();
    }

    HealthCheckSettings healthSettings() {
        return health;
    }

    private static Path required(Path path, String property) {
        if (path == null) {
            throw new IllegalStateException(property + " is not configured; Type 2's runbook needs it");
        }
        return path;
    }
}
