package dev.recoveryorchestrator.inspection.backup;

import dev.recoveryorchestrator.action.AccessFiles;
import dev.recoveryorchestrator.action.Backups;
import dev.recoveryorchestrator.action.ChecksumManifest;
import dev.recoveryorchestrator.action.Deadline;
import dev.recoveryorchestrator.action.FileDigests;
import dev.recoveryorchestrator.action.TargetSettings;
import dev.recoveryorchestrator.config.EngineClock;
import dev.recoveryorchestrator.config.TimeZoneSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * The daily backups in {@code recovery.target.backup-dir}, newest first, each with its day, size, whether it is
 * verified (its {@code .sha256} beside it lists it with the digest it has now, and Jackcess opens it) and the age of
 * its data. Only regular files named {@code routing_db_YYYYMMDD.accdb} are backups: symbolic links, folders and
 * anything else in the folder are not looked into. Inspections read it; nothing here writes.
 */
@Component
public class BackupCatalog {

    /** The runbook's name of a daily backup: {@code routing_db_YYYYMMDD.accdb}; the group is the day. */
    public static final Pattern NAME = Pattern.compile("routing_db_(\\d{8})\\.accdb");
    static final String CHECKSUM_SUFFIX = ".sha256";

    private final TargetSettings target;
    private final DailyBackupSettings settings;
    private final ZoneId zone;

    BackupCatalog(TargetSettings target, DailyBackupSettings settings, TimeZoneSettings zone) {
        this.target = target;
        this.settings = settings;
        this.zone = zone.timeZone();
    }

    /**
     * One backup as the catalog sees it.
     *
     * @param problem why it is not verified (Korean), empty when verified
     * @param takenAt when its data is from (the older of its modification time and the end of its day)
     * @param dataAge how old its data is now: the data loss a restore of it would mean
     */
    public record Entry(LocalDate day, String file, long size, boolean verified, String problem, Instant takenAt,
            Duration dataAge) {
    }

    /** Whether a backup verifies, and if not why. */
    record Check(boolean verified, String problem) {
    }

    /** The folder, when configured. */
    public Optional<Path> folder() {
        return Optional.ofNullable(target.backupDir());
    }

    /** Every backup, newest first, each verified (bounded by {@code backup-limit} each). */
    public List<Entry> list() throws IOException {
        Instant now = EngineClock.now();
        return backups().stream().map(backup -> entry(backup, now)).toList();
    }

    /** The newest backup that verifies. */
    public Optional<Entry> newestVerified() throws IOException {
        Instant now = EngineClock.now();
        for (Backups.Backup backup : backups()) {
            Entry entry = entry(backup, now);
            if (entry.verified()) {
                return Optional.of(entry);
            }
        }
        return Optional.empty();
    }

    /** The backup files (regular files, never links), newest first. */
    List<Backups.Backup> backups() throws IOException {
        Optional<Path> dir = folder();
        if (dir.isEmpty()) {
            return List.of();
        }
        return Backups.newestFirst(dir.get(), NAME, zone).stream()
                .filter(backup -> Files.isRegularFile(backup.file(), LinkOption.NOFOLLOW_LINKS))
                .toList();
    }

    private Entry entry(Backups.Backup backup, Instant now) {
        Check check = verify(backup.file(), Deadline.after(settings.backupLimit()));
        long size;
        try {
            size = Files.size(backup.file());
        } catch (IOException e) {
            size = -1;
        }
        return new Entry(backup.day(), backup.file().getFileName().toString(), size, check.verified(), check.problem(),
                backup.takenAt(), Duration.between(backup.takenAt(), now));
    }

    /** The checksum file of a backup: its name plus {@code .sha256}, in {@code sha256sum}'s format. */
    static Path checksumOf(Path backup) {
        return backup.resolveSibling(backup.getFileName() + CHECKSUM_SUFFIX);
    }

    /** Its checksum file lists exactly it, with the digest it has now, and Jackcess opens it. */
    static Check verify(Path backup, Deadline deadline) {
        String name = backup.getFileName().toString();
        if (!Files.isRegularFile(backup, LinkOption.NOFOLLOW_LINKS)) {
            return new Check(false, name + ": 일반 파일 아님");
        }
        Path checksum = checksumOf(backup);
        if (!Files.isRegularFile(checksum, LinkOption.NOFOLLOW_LINKS)) {
            return new Check(false, name + ": 체크섬 파일 없음");
        }
        try {
            Optional<ChecksumManifest> manifest = ChecksumManifest.read(checksum, 64);
            String listed = manifest.map(m -> m.digests().size() == 1 ? m.digests().get(name) : null).orElse(null);
            if (listed == null) {
                return new Check(false, checksum.getFileName() + ": " + name + " 만 적혀 있어야 함");
            }
            if (!listed.equals(FileDigests.of(backup, deadline).sha256())) {
                return new Check(false, name + ": 체크섬 불일치");
            }
        } catch (ChecksumManifest.Unreadable e) {
            return new Check(false, e.getMessage());
        } catch (IOException e) {
            return new Check(false, name + ": 읽기 실패 (" + e.getClass().getSimpleName() + ")");
        } catch (Deadline.Exceeded e) {
            return new Check(false, e.getMessage());
        }
        AccessFiles.Contents contents = AccessFiles.open(backup);
        if (contents.state() != AccessFiles.State.FINE) {
            return new Check(false, name + ": " + contents.describe());
        }
        return new Check(true, "");
    }
}
