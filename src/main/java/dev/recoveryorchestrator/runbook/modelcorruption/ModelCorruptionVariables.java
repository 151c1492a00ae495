package dev.recoveryorchestrator.runbook.modelcorruption;

import dev.recoveryorchestrator.config.ProcessVariables;
import org.camunda.bpm.engine.delegate.VariableScope;

/** Typed access to the Type 5 runbook's own variables. */
final class ModelCorruptionVariables {

    /** {@code latest/} failed its integrity check (checksums, size, framing, load check). */
    static final String LATEST_DAMAGED = "latestDamaged";
    /** The version to install: chosen by the runbook, the retrain's output, or typed by a person. */
    static final String MODEL_VERSION = "modelVersion";
    /** The newest verified version older than {@code max-version-age}: offered to a person, never installed on its own. */
    static final String OLDER_VERSION = "olderVersion";
    static final String MODEL_INSTALLED = "modelInstalled";
    static final String RETRAIN_VERIFIED = "retrainVerified";
    static final String PREDICT_OK = "predictOk";
    static final String RECOVERY_METHOD = "modelRecoveryMethod";

    private ModelCorruptionVariables() {
    }

    static boolean latestDamaged(VariableScope scope) {
        return ProcessVariables.flag(scope, LATEST_DAMAGED);
    }

    static void latestDamaged(VariableScope scope, boolean damaged) {
        scope.setVariable(LATEST_DAMAGED, damaged);
    }

    static String modelVersion(VariableScope scope) {
        return ProcessVariables.text(scope, MODEL_VERSION).strip();
    }

    static void modelVersion(VariableScope scope, String version) {
        scope.setVariable(MODEL_VERSION, version == null ? "" : version);
    }

    static void olderVersion(VariableScope scope, String version) {
        scope.setVariable(OLDER_VERSION, version == null ? "" : version);
    }

    static String olderVersion(VariableScope scope) {
        return ProcessVariables.text(scope, OLDER_VERSION);
    }

    static void installed(VariableScope scope, boolean installed) {
        scope.setVariable(MODEL_INSTALLED, installed);
    }

    static void retrainVerified(VariableScope scope, boolean verified) {
        scope.setVariable(RETRAIN_VERIFIED, verified);
    }

    static void predictOk(VariableScope scope, boolean ok) {
        scope.setVariable(PREDICT_OK, ok);
    }

    /** What put a good model in place (백업 복사 v20250901, 재학습): what recovered the service if predict then works. */
    static void recoveryMethod(VariableScope scope, String method) {
        scope.setVariable(RECOVERY_METHOD, method);
    }

    static String recoveryMethod(VariableScope scope) {
        Object method = scope.getVariable(RECOVERY_METHOD);
        return method == null ? "서비스 재시작" : method.toString();
    }
}
