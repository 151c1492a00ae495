package dev.recoveryorchestrator.runbook.databaseunreachable;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.delegate.VariableScope;

/** Typed access to the Type 2 runbook's own variables; all written by the orchestrator (protected from task forms). */
final class DatabaseUnreachableVariables {

    static final String DATABASE_STATE = "databaseState";
    static final String CONNECTION_STATE = "connectionState";
    static final String SHARE_STATE = "shareState";
    /** What the confirmation chose: {@code restore}, {@code fix-connection}, {@code unusable} or {@code manual}. */
    static final String RECOVERY = "databaseRecovery";
    static final String BACKUP_FILE = "backupFile";
    static final String BACKUP_TAKEN_AT = "backupTakenAt";
    static final String DATA_LOSS_WINDOW = "dataLossWindow";
    /** {@code within-target}, {@code beyond-target}, {@code beyond-acceptable}, or {@code none} (no usable backup). */
    static final String RPO_TIER = "rpoTier";
    static final String READ_ONLY_ON = "readOnlyOn";
    static final String RESTORE_APPROVED = "restoreApproved";
    static final String RESTORED = "databaseRestored";
    static final String DATABASE_VERIFIED = "databaseVerified";
    static final String PREDICT_OK = "predictOk";
    static final String RECOVERY_METHOD = "databaseRecoveryMethod";
    /** Every name above: the orchestrator's, never a form's. */
    static final List<String> ALL = List.of(DATABASE_STATE, CONNECTION_STATE, SHARE_STATE, RECOVERY, BACKUP_FILE,
            BACKUP_TAKEN_AT, DATA_LOSS_WINDOW, RPO_TIER, READ_ONLY_ON, RESTORE_APPROVED, RESTORED, DATABASE_VERIFIED,
            PREDICT_OK, RECOVERY_METHOD);

    private DatabaseUnreachableVariables() {
    }

    static void backup(VariableScope scope, String fileName, Instant takenAt, String window, String tier) {
        scope.setVariable(BACKUP_FILE, fileName);
        scope.setVariable(BACKUP_TAKEN_AT, takenAt == null ? null : Date.from(takenAt));
        scope.setVariable(DATA_LOSS_WINDOW, window);
        scope.setVariable(RPO_TIER, tier);
    }

    /** The step that fixed the database (백업 복원, 연결 문자열 재설정): what recovered the service once predict passes. */
    static void recoveryMethod(VariableScope scope, String step) {
        scope.setVariable(RECOVERY_METHOD, step);
    }
}
