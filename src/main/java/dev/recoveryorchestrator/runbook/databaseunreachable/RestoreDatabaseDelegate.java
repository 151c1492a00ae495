package dev.recoveryorchestrator.runbook.databaseunreachable;

import dev.recoveryorchestrator.action.AccessFiles;
import dev.recoveryorchestrator.action.AtomicFiles;
import dev.recoveryorchestrator.action.Backups;
import dev.recoveryorchestrator.config.EngineClock;
import dev.recoveryorchestrator.config.ProcessVariables;
import dev.recoveryorchestrator.config.TimeZoneSettings;
import dev.recoveryorchestrator.runbook.Findings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.concurrent.TimeoutException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_RestoreDatabase} (백업 복원, {@code cp /mnt/backup/routing_db_YYYYMMDD.accdb ...}): the chosen backup
 * is copied to a temporary file beside the database, the copy is opened with Jackcess and must hold the backup's
 * tables and rows, the damaged file is moved aside with a time suffix (never deleted), and the copy is moved into
 * place atomically. The copy runs inside this job, bounded by {@code copy-limit} (an Access file is at most 2 GB),
 * and is abandoned past it with the database untouched. The backup is found again by name in the configured folder,
 * so nothing set on the process can point the restore at another file. Sets {@code databaseRestored}.
 */
@Component("restoreDatabaseDelegate")
class RestoreDatabaseDelegate implements JavaDelegate {

    static final String STEP = "백업 복원";
    private final DatabaseChecks checks;
    private final Findings findings;

    private final ZoneId zone;

    RestoreDatabaseDelegate(DatabaseChecks checks, Findings findings, TimeZoneSettings zone) {
        this.checks = checks;
        this.findings = findings;
        this.zone = zone.timeZone();
    }

    @Override
    public void execute(DelegateExecution execution) throws IOException {
        execution.setVariable(DatabaseUnreachableVariables.RESTORED, false);
        String name = ProcessVariables.text(execution, DatabaseUnreachableVariables.BACKUP_FILE);
        if (!Backups.named(name, checks.settings().backupName(), true)) {
            findings.record(execution, STEP, STEP + " 중단: 백업 파일 이름이 설정된 형식이 아님");
            return;
        }
        Path backup = checks.backupDir().resolve(name);
        AccessFiles.Contents expected = AccessFiles.open(backup);
        if (expected.state() != AccessFiles.State.FINE) {
            findings.record(execution, STEP, STEP + " 중단: 백업 " + name + " - " + expected.describe());
            return;
        }
        Path database = checks.databaseFile();
        Path copy;
        try {
            copy = AtomicFiles.copyBeside(backup, database, checks.settings().copyLimit());
        } catch (TimeoutException e) {
            findings.record(execution, STEP, STEP + " 중단: " + e.getMessage() + " (데이터베이스 파일은 그대로)");
            return;
        }
        AccessFiles.Contents copied = AccessFiles.open(copy);
        if (!copied.rowCounts().equals(expected.rowCounts()) || copied.state() != AccessFiles.State.FINE) {
            Files.deleteIfExists(copy); // our own copy, not user data
            findings.record(execution, STEP, STEP + " 중단: 복사본 검증 실패 - " + copied.describe());
            return;
        }
        Path aside = null;
        if (Files.exists(database) || Files.isSymbolicLink(database)) {
            aside = AtomicFiles.moveAside(database, "damaged", EngineClock.now(), zone);
        }
        AtomicFiles.moveInto(copy, database, aside);
        execution.setVariable(DatabaseUnreachableVariables.RESTORED, true);
        DatabaseUnreachableVariables.recoveryMethod(execution, STEP + " (" + name + ")");
        findings.record(execution, STEP, STEP + ": " + name + " → " + database + " (" + copied.describe() + ")"
                + (aside == null ? "" : "; 손상된 파일은 " + aside.getFileName() + " 으로 보관"));
    }
}
