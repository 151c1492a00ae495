package dev.recoveryorchestrator.runbook.databaseunreachable;

import dev.recoveryorchestrator.action.AccessFiles;
import dev.recoveryorchestrator.action.Backups;
import dev.recoveryorchestrator.config.Durations;
import dev.recoveryorchestrator.config.EngineClock;
import dev.recoveryorchestrator.config.TimeZoneSettings;
import dev.recoveryorchestrator.incident.ObjectiveSettings;
import dev.recoveryorchestrator.incident.TimelineCode;
import dev.recoveryorchestrator.runbook.Findings;
import java.io.IOException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_FindBackup} (백업 확인): the newest daily backup that Jackcess opens — damaged ones are skipped, each
 * with a finding — not blindly yesterday's. A copy the daily backup set aside for want of a checksum
 * ({@code .unverified-…}) is a candidate like the others, by its age: it may be the newest data there is. The data-loss window (now − when the backup was taken, see
 * {@link Backups}) is set against the RPO: within the target the restore runs on its own; beyond it a person
 * approves; beyond the acceptable limit the CTO. Sets {@code backupFile} (its name), {@code dataLossWindow} and
 * {@code rpoTier} ({@code none}: no backup opens).
 */
@Component("findBackupDelegate")
class FindBackupDelegate implements JavaDelegate {

    private final DatabaseChecks checks;
    private final ObjectiveSettings objectives;
    private final Findings findings;

    private final ZoneId zone;

    FindBackupDelegate(DatabaseChecks checks, ObjectiveSettings objectives, Findings findings, TimeZoneSettings zone) {
        this.checks = checks;
        this.objectives = objectives;
        this.findings = findings;
        this.zone = zone.timeZone();
    }

    @Override
    public void execute(DelegateExecution execution) throws IOException {
        List<Backups.Backup> backups = Backups.withSetAside(checks.backupDir(), checks.settings().backupName(), zone);
        int examined = 0;
        for (Backups.Backup backup : backups) {
            if (examined++ >= checks.settings().backupsExamined()) {
                break;
            }
            AccessFiles.Contents contents = AccessFiles.open(backup.file());
            if (contents.state() != AccessFiles.State.FINE) {
                findings.record(execution, TimelineCode.BACKUP_SKIPPED,
                        "백업 건너뜀: " + backup.file().getFileName() + " - " + contents.describe());
                continue;
            }
            Duration window = Duration.between(backup.takenAt(), EngineClock.now());
            String tier = tier(window);
            DatabaseUnreachableVariables.backup(execution, backup.file().getFileName().toString(), backup.takenAt(),
                    window.toString(), tier);
            findings.record(execution, TimelineCode.BACKUP_CHOSEN, "백업 선택: " + backup.file().getFileName()
                    + (backup.setAside() ? " (체크섬 없이 보관된 사본, 열림 확인)" : "") + " (" + backup.takenAt()
                    + " 기준, " + contents.describe() + "), 데이터 손실 구간 " + Durations.words(window) + " - " + korean(tier));
            return;
        }
        DatabaseUnreachableVariables.backup(execution, null, null, null, "none");
        findings.record(execution, TimelineCode.BACKUP_MISSING, "사용할 수 있는 백업 없음: " + checks.backupDir() + " ("
                + backups.size() + "개 중 " + Math.min(backups.size(), checks.settings().backupsExamined()) + "개 확인)");
    }

    private String tier(Duration window) {
        if (window.compareTo(objectives.rpo().target()) <= 0) {
            return "within-target";
        }
        return window.compareTo(objectives.rpo().acceptable()) <= 0 ? "beyond-target" : "beyond-acceptable";
    }

    private String korean(String tier) {
        return switch (tier) {
            case "within-target" -> "RPO 목표(" + Durations.words(objectives.rpo().target()) + ") 이내, 자동 복원";
            case "beyond-target" -> "RPO 목표(" + Durations.words(objectives.rpo().target()) + ") 초과, 복원 전 승인 필요";
            default -> "RPO 허용 한계(" + Durations.words(objectives.rpo().acceptable()) + ") 초과, 최종 승인 필요";
        };
    }

}
