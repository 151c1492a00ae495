package dev.recoveryorchestrator.inspection.backup;

import dev.recoveryorchestrator.action.AccessFiles;
import dev.recoveryorchestrator.action.AtomicFiles;
import dev.recoveryorchestrator.action.Backups;
import dev.recoveryorchestrator.action.Deadline;
import dev.recoveryorchestrator.action.FileDigests;
import dev.recoveryorchestrator.action.TargetSettings;
import dev.recoveryorchestrator.config.TimeZoneSettings;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.springframework.stereotype.Component;

/**
 * Takes the daily backup and keeps the retention (docs/backups.md).
 * <p>
 * The backup: the live file must open with Jackcess; it is copied to a temporary file in the backup folder, and the
 * copy counts only when the live file's size and modification time did not change during the copy and the copy
 * opens with the live file's tables and row counts (else the copy is removed and tried again, up to
 * {@code backup-attempts}). Its sha-256 goes to {@code routing_db_YYYYMMDD.accdb.sha256} ({@code sha256sum -c}
 * reads it). The copy is put in place by a hard link, which never replaces an existing file, then the temporary name
 * is removed. A backup of the same day that verifies is never replaced (the run says so and ends). One that does not
 * verify may still be the newest good copy (taken by hand, or by another tool without a checksum): it stays under its
 * name until a fresh copy has verified, and only then is moved aside ({@code .unverified-yyyyMMdd-HHmmss}, in
 * {@code recovery.time-zone}), never deleted. When the live file is damaged nothing in the folder is touched.
 * <p>
 * All file work of one run is bounded by {@code backup-limit} (checked between blocks), so it ends inside its job.
 */
@Component
class DailyBackups {

    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;
    private final TargetSettings target;
    private final DailyBackupSettings settings;
    private final ZoneId zone;
    private final BackupCatalog catalog;

    DailyBackups(TargetSettings target, DailyBackupSettings settings, TimeZoneSettings zone, BackupCatalog catalog) {
        this.target = target;
        this.settings = settings;
        this.zone = zone.timeZone();
        this.catalog = catalog;
    }

    /**
     * What a run did.
     *
     * @param verified a verified backup of the day is in place (taken now or already there)
     * @param file the backup's file name, empty when none
     * @param summary one line for people (Korean)
     * @param findings what went wrong, a line each; empty when verified
     */
    record Outcome(boolean verified, String file, String summary, List<String> findings) {

        static Outcome failed(String... findings) {
            return new Outcome(false, "", "백업 실패: " + findings[0], List.of(findings));
        }
    }

    /** The backup's file name for a day: {@code routing_db_YYYYMMDD.accdb}. */
    static String name(LocalDate day) {
        return "routing_db_" + DAY.format(day) + ".accdb";
    }

    /** Takes today's backup (today in {@code recovery.time-zone}). */
    Outcome backUp(Instant now) {
        Path live = target.databaseFile();
        Path dir = target.backupDir();
        if (live == null || dir == null) {
            return Outcome.failed("recovery.target.database-file 또는 recovery.target.backup-dir 설정 없음");
        }
        if (!Files.isDirectory(dir)) {
            return Outcome.failed("백업 폴더 없음: " + dir + " (마운트 확인; 만들지 않음)");
        }
        String name = name(now.atZone(zone).toLocalDate());
        Path backup = dir.resolve(name);
        Deadline deadline = Deadline.after(settings.backupLimit());
        List<String> notes = new ArrayList<>();
        try {
            // A backup of the day already there that does not verify (no checksum: taken by hand or by another tool)
            // may be the newest good copy there is: it stays under its name until a verified replacement exists.
            Optional<String> unverified = Optional.empty();
            if (Files.exists(backup, LinkOption.NOFOLLOW_LINKS)) {
                if (!Files.isRegularFile(backup, LinkOption.NOFOLLOW_LINKS)) {
                    return Outcome.failed(name + " 이 일반 파일이 아님 (링크 또는 폴더): 건드리지 않음, 사람이 확인");
                }
                BackupCatalog.Check existing = BackupCatalog.verify(backup, deadline);
                if (existing.verified()) {
                    return new Outcome(true, name, "오늘 백업 이미 있음, 검증됨: " + name, List.of());
                }
                unverified = Optional.of(existing.problem());
            }
            AccessFiles.Contents source = AccessFiles.open(live);
            if (source.state() != AccessFiles.State.FINE) {
                return keptInPlace(Outcome.failed("원본 데이터베이스 " + source.describe()), name, unverified);
            }
            Optional<Path> copy = Optional.empty();
            for (int attempt = 1; attempt <= settings.backupAttempts() && copy.isEmpty(); attempt++) {
                copy = copyOnce(live, backup, source, deadline, notes, attempt);
                if (copy.isEmpty() && attempt < settings.backupAttempts()) {
                    source = AccessFiles.open(live);
                    if (source.state() != AccessFiles.State.FINE) {
                        return keptInPlace(Outcome.failed("원본 데이터베이스 " + source.describe()), name, unverified);
                    }
                }
            }
            if (copy.isEmpty()) {
                List<String> findings = new ArrayList<>();
                findings.add("일관된 복사본을 만들지 못함 (" + settings.backupAttempts() + "회 시도)");
                findings.addAll(notes);
                return keptInPlace(new Outcome(false, "", "백업 실패: " + findings.get(0), findings), name, unverified);
            }
            return place(copy.get(), backup, source, deadline, notes, unverified, now);
        } catch (TimeoutException | Deadline.Exceeded e) {
            return Outcome.failed("시간 초과: " + e.getMessage() + " (recovery.inspection.backup-limit "
                    + settings.backupLimit() + ")");
        } catch (IOException e) {
            return Outcome.failed("파일 작업 실패: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
    }

    /** One copy; kept only when the live file stayed the same and the copy holds what it holds. */
    private Optional<Path> copyOnce(Path live, Path backup, AccessFiles.Contents source, Deadline deadline,
            List<String> notes, int attempt) throws IOException, TimeoutException {
        FileState before = FileState.of(live);
        Path temp = AtomicFiles.copyBeside(live, backup, remaining(deadline), "backup");
        FileState after = FileState.of(live);
        AccessFiles.Contents copied = AccessFiles.open(temp);
        if (before.equals(after) && copied.state() == AccessFiles.State.FINE
                && copied.rowCounts().equals(source.rowCounts())) {
            return Optional.of(temp);
        }
        Files.deleteIfExists(temp); // our own temporary copy
        notes.add(attempt + "회: " + (before.equals(after) ? "복사본이 원본과 다름 (" + copied.describe() + ")"
                : "복사 중 원본이 바뀜"));
        return Optional.empty();
    }

    /**
     * Puts the verified copy in place. An unverified backup of the day is moved aside only now, with its checksum
     * file, when its replacement exists and has verified.
     */
    private Outcome place(Path temp, Path backup, AccessFiles.Contents source, Deadline deadline, List<String> notes,
            Optional<String> unverified, Instant now) throws IOException {
        String name = backup.getFileName().toString();
        try {
            String sha256 = FileDigests.of(temp, deadline).sha256();
            // When it was taken, on the application's clock (the one every age is measured with)
            Files.setLastModifiedTime(temp, FileTime.from(now));
            if (unverified.isPresent()) {
                Path aside = AtomicFiles.moveAside(backup, "unverified", now, zone);
                Path checksum = BackupCatalog.checksumOf(backup);
                if (Files.isRegularFile(checksum, LinkOption.NOFOLLOW_LINKS)) {
                    AtomicFiles.moveAside(checksum, "unverified", now, zone);
                }
                notes.add("검증되지 않은 오늘 백업 (" + unverified.get() + ") 은 " + aside.getFileName() + " 으로 보관");
            }
            try {
                Files.createLink(backup, temp);
            } catch (FileAlreadyExistsException e) {
                return Outcome.failed(name + " 이 복사 중에 생김: 덮어쓰지 않음");
            } catch (UnsupportedOperationException e) {
                throw new IOException("하드 링크를 지원하지 않는 파일 시스템: " + backup.getParent(), e);
            }
            FileDigests.writeAtomically(BackupCatalog.checksumOf(backup), sha256 + "  " + name + "\n");
        } finally {
            Files.deleteIfExists(temp); // the temporary name; the data stays under the backup's name
        }
        BackupCatalog.Check check = BackupCatalog.verify(backup, deadline);
        if (!check.verified()) {
            return new Outcome(false, name, "백업 실패: " + check.problem(), List.of(check.problem()));
        }
        int rows = source.rowCounts().values().stream().mapToInt(Integer::intValue).sum();
        String summary = "백업 검증됨: " + name + " (테이블 " + source.rowCounts().size() + "개, " + rows + "행)"
                + (notes.isEmpty() ? "" : "; " + String.join("; ", notes));
        return new Outcome(true, name, summary, List.of());
    }

    /**
     * What retention did.
     *
     * @param deleted the backups deleted (with their checksum files)
     * @param kept the newest verified backup, kept whatever its age; empty when there is none
     * @param problems deletions that failed
     */
    record Retention(List<String> deleted, String kept, List<String> problems) {
    }

    /**
     * Deletes the backups whose day is more than {@code backup-retention} days before today, and their checksum
     * files, except the newest verified backup. Only regular files named like a backup; nothing else is touched.
     * When no backup verifies (within {@code backup-limit} for all checks together), nothing is deleted.
     */
    Retention applyRetention(Instant now) throws IOException {
        LocalDate oldestKept = now.atZone(zone).toLocalDate().minusDays(settings.retentionDays());
        List<Backups.Backup> backups = catalog.backups();
        Deadline deadline = Deadline.after(settings.backupLimit());
        String newestVerified = "";
        for (Backups.Backup backup : backups) {
            if (BackupCatalog.verify(backup.file(), deadline).verified()) {
                newestVerified = backup.file().getFileName().toString();
                break;
            }
        }
        List<String> deleted = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        if (newestVerified.isEmpty()) {
            if (!backups.isEmpty()) {
                problems.add("검증된 백업을 찾지 못해 아무것도 지우지 않음");
            }
            return new Retention(deleted, newestVerified, problems);
        }
        for (Backups.Backup backup : backups) {
            String name = backup.file().getFileName().toString();
            if (!backup.day().isBefore(oldestKept) || name.equals(newestVerified)) {
                continue;
            }
            try {
                Files.delete(backup.file());
                Path checksum = BackupCatalog.checksumOf(backup.file());
                if (Files.isRegularFile(checksum, LinkOption.NOFOLLOW_LINKS)) {
                    Files.delete(checksum);
                }
                deleted.add(name);
            } catch (IOException e) {
                problems.add(name + " 삭제 실패: " + e.getClass().getSimpleName());
            }
        }
        return new Retention(deleted, newestVerified, problems);
    }

    /** A failed run that left an unverified backup of the day where it was says so: it may be the newest copy. */
    private static Outcome keptInPlace(Outcome failed, String name, Optional<String> unverified) {
        if (unverified.isEmpty()) {
            return failed;
        }
        List<String> findings = new ArrayList<>(failed.findings());
        findings.add("검증되지 않은 오늘 백업 " + name + " (" + unverified.get() + ") 은 그대로 둠: 가장 최근 사본일 수 있음");
        return new Outcome(false, failed.file(), failed.summary(), findings);
    }

    private static Duration remaining(Deadline deadline) {
        long nanos = deadline.endNanos() - System.nanoTime();
        return Duration.ofNanos(Math.max(nanos, 0));
    }

    /** Size and modification time: a file that was written to between two looks differs in one of them. */
    private record FileState(long size, FileTime modified) {

        static FileState of(Path file) throws IOException {
            return new FileState(Files.size(file), Files.getLastModifiedTime(file));
        }
    }
}
