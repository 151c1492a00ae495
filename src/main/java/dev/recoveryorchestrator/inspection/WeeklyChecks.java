package dev.recoveryorchestrator.inspection;

import dev.recoveryorchestrator.action.AccessFiles;
import dev.recoveryorchestrator.action.Backups;
import dev.recoveryorchestrator.action.HealthProbe;
import dev.recoveryorchestrator.action.TargetSettings;
import dev.recoveryorchestrator.config.EngineClock;
import dev.recoveryorchestrator.config.Durations;
import dev.recoveryorchestrator.config.LocalTimes;
import dev.recoveryorchestrator.incident.ObjectiveSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileStore;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.stereotype.Service;

/**
 * The weekly inspection's checks (정기 점검 - 주간), each on the real thing: the health endpoint, every file system
 * holding data, backups, logs and models ({@code statvfs} through {@link FileStore}), the newest backup (its age and
 * Jackcess), and the log folder's size. A folder or file that is not there, or not configured, is a finding.
 */
@Service
public class WeeklyChecks {

    public static final String HEALTH = "health";
    public static final String DISK = "disk";
    public static final String BACKUP = "backup";
    public static final String LOGS = "logs";
    private static final int MAX_LOG_FILES = 100_000;

    private final InspectionSettings settings;
    private final TargetSettings target;
    private final ObjectiveSettings objectives;
    private final HealthProbe probe;
    private final LocalTimes times;

    WeeklyChecks(InspectionSettings settings, TargetSettings target, ObjectiveSettings objectives, HealthProbe probe,
            LocalTimes times) {
        this.settings = settings;
        this.target = target;
        this.objectives = objectives;
        this.probe = probe;
        this.times = times;
    }

    public CheckResult health() {
        long began = System.nanoTime();
        HealthProbe.Health health = probe.check(target.healthUrl(), settings.healthTimeout());
        long millis = Duration.ofNanos(System.nanoTime() - began).toMillis();
        String figures = "헬스 체크 " + target.healthUrl() + ": " + HealthProbe.oneLine(health.detail(), 200)
                + " (" + millis + " ms)";
        if (health.healthy()) {
            return CheckResult.pass(HEALTH, "헬스 체크", figures, (double) millis, null, "ms");
        }
        return CheckResult.fail(HEALTH, "헬스 체크", figures, "헬스 체크 실패: " + HealthProbe.oneLine(health.detail(), 200),
                "백엔드 상태 확인 (장애 유형 1 Backend API 서버 다운 절차); 장애이면 POST /api/incidents 로 장애 등록",
                (double) millis, null, "ms");
    }

    /** The folders whose file systems are inspected, by what they hold. */
    Map<String, Path> folders() {
        Map<String, Path> folders = new LinkedHashMap<>();
        folders.put("데이터", target.databaseFile() == null ? null : target.databaseFile().toAbsolutePath().getParent());
        folders.put("백업", target.backupDir());
        folders.put("로그", logDir());
        folders.put("모델", target.modelDir());
        for (int i = 0; i < settings.folders().size(); i++) {
            folders.put("추가 " + (i + 1), settings.folders().get(i));
        }
        return folders;
    }

    public CheckResult disk() throws IOException {
        int limit = settings.diskUsageLimit();
        List<String> lines = new ArrayList<>();
        List<String> over = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        Map<String, FileStore> seen = new LinkedHashMap<>();
        double highest = 0;
        for (Map.Entry<String, Path> folder : folders().entrySet()) {
            Path dir = folder.getValue();
            if (dir == null) {
                missing.add(folder.getKey() + " 폴더 설정 없음");
                continue;
            }
            if (!Files.isDirectory(dir)) {
                missing.add(folder.getKey() + " 폴더 없음: " + dir);
                continue;
            }
            FileStore store = Files.getFileStore(dir);
            long total = store.getTotalSpace();
            long used = total - store.getUnallocatedSpace();
            long usable = store.getUsableSpace();
            // As df computes Use%: what is used of what this user could have used (reserved blocks left out).
            double percent = used + usable <= 0 ? 0 : Math.ceil(used * 100.0 / (used + usable));
            highest = Math.max(highest, percent);
            String line = "디스크 " + dir + " (" + folder.getKey() + ", " + store.name() + ") " + (long) percent
                    + " % (한도 " + limit + " %), 남은 공간 " + gigabytes(usable);
            lines.add(line);
            if (percent > limit && seen.put(store.name() + "|" + total, store) == null) {
                over.add(line);
            }
        }
        String figures = String.join("\n", lines) + (missing.isEmpty() ? "" : "\n" + String.join("\n", missing));
        if (!over.isEmpty()) {
            return CheckResult.fail(DISK, "디스크 사용량", figures, "한도 " + limit + " % 초과: " + String.join("; ", over)
                            + (missing.isEmpty() ? "" : "; " + String.join("; ", missing)),
                    "오래된 로그는 압축해 다른 디스크로 옮기고, 보존 기간이 지난 백업 정리 (backup-daily 보존 설정) 또는 디스크 증설."
                            + " 사용자 데이터는 지우지 말 것", highest, (double) limit, "%");
        }
        if (!missing.isEmpty()) {
            return new CheckResult(DISK, "디스크 사용량", CheckResult.Status.NOT_RUN, figures, String.join("; ", missing),
                    "recovery.target.* 와 recovery.inspection.folders 의 폴더 확인 (마운트 여부 포함)", highest,
                    (double) limit, "%", null, null);
        }
        return CheckResult.pass(DISK, "디스크 사용량", figures, highest, (double) limit, "%");
    }

    public CheckResult backup() throws IOException {
        Duration maxAge = backupMaxAge();
        Path dir = target.backupDir();
        if (dir == null || !Files.isDirectory(dir)) {
            return CheckResult.notRun(BACKUP, "최신 백업", dir == null ? "백업 폴더 설정 없음 (recovery.target.backup-dir)"
                    : "백업 폴더 없음: " + dir, "백업 폴더와 backup-daily 실행 확인");
        }
        List<Backups.Backup> backups = Backups.newestFirst(dir, settings.backupName(), times.zone());
        if (backups.isEmpty()) {
            return CheckResult.fail(BACKUP, "최신 백업", "백업 없음: " + dir + " (이름 " + settings.backupName() + ")",
                    "백업 파일이 하나도 없음", "backup-daily 가 돌고 있는지 Cockpit 에서 확인하고 수동으로 백업 실행",
                    null, (double) maxAge.toSeconds(), "s");
        }
        Backups.Backup newest = backups.get(0);
        Duration age = Duration.between(newest.takenAt(), EngineClock.now());
        AccessFiles.Contents contents = AccessFiles.open(newest.file());
        String figures = "최신 백업 " + newest.file().getFileName() + ": " + times.minute(newest.takenAt()) + " 기준, 경과 "
                + Durations.words(age) + " (RPO 목표 " + Durations.words(maxAge) + "), Jackcess: " + contents.describe();
        List<String> findings = new ArrayList<>();
        if (age.compareTo(maxAge) > 0) {
            findings.add("최신 백업이 RPO 목표보다 오래됨 (" + Durations.words(age) + " > " + Durations.words(maxAge) + ")");
        }
        if (contents.state() != AccessFiles.State.FINE) {
            findings.add("최신 백업이 열리지 않음: " + contents.describe());
        }
        if (findings.isEmpty()) {
            return CheckResult.pass(BACKUP, "최신 백업", figures, (double) age.toSeconds(), (double) maxAge.toSeconds(), "s");
        }
        return CheckResult.fail(BACKUP, "최신 백업", figures, String.join("; ", findings),
                "backup-daily 의 최근 실행과 실패 작업 확인 후 수동 백업; 손상된 백업은 지우지 말고 옆으로 옮겨 보관",
                (double) age.toSeconds(), (double) maxAge.toSeconds(), "s");
    }

    public CheckResult logs() throws IOException {
        Path dir = logDir();
        long limit = settings.logSizeLimit().toBytes();
        if (dir == null || !Files.isDirectory(dir)) {
            return CheckResult.notRun(LOGS, "로그 크기", dir == null ? "로그 폴더 설정 없음 (recovery.target.log-file)"
                    : "로그 폴더 없음: " + dir, "로그 위치 설정과 마운트 확인");
        }
        List<Map.Entry<Path, Long>> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir, 4, new FileVisitOption[0])) {
            walk.limit(MAX_LOG_FILES).forEach(file -> {
                try {
                    BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class,
                            java.nio.file.LinkOption.NOFOLLOW_LINKS);
                    if (attributes.isRegularFile()) {
                        files.add(Map.entry(file, attributes.size()));
                    }
                } catch (IOException e) {
                    // gone meanwhile (rotated): not counted
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        long total = files.stream().mapToLong(Map.Entry::getValue).sum();
        List<String> largest = files.stream().sorted(Map.Entry.<Path, Long>comparingByValue(Comparator.reverseOrder()))
                .limit(settings.largestLogs())
                .map(entry -> dir.relativize(entry.getKey()) + " " + gigabytes(entry.getValue())).toList();
        String figures = "로그 " + dir + ": 파일 " + files.size() + "개, 합계 " + gigabytes(total) + " (한도 "
                + gigabytes(limit) + "); 큰 파일: " + (largest.isEmpty() ? "없음" : String.join(", ", largest));
        if (total > limit) {
            return CheckResult.fail(LOGS, "로그 크기", figures, "로그 합계 " + gigabytes(total) + " 가 한도 " + gigabytes(limit)
                    + " 초과", "logrotate 설정 확인, 큰 로그는 압축해 다른 디스크로 옮겨 보관 (지우지 말 것)", (double) total,
                    (double) limit, "bytes");
        }
        return CheckResult.pass(LOGS, "로그 크기", figures, (double) total, (double) limit, "bytes");
    }

    Duration backupMaxAge() {
        return settings.backupMaxAge() != null ? settings.backupMaxAge() : objectives.rpo().target();
    }

    private Path logDir() {
        if (settings.logDir() != null) {
            return settings.logDir();
        }
        return target.logFile() == null ? null : target.logFile().toAbsolutePath().getParent();
    }

    static String gigabytes(long bytes) {
        if (bytes >= 1L << 30) {
            return String.format("%.1f GB", bytes / (double) (1L << 30));
        }
        if (bytes >= 1L << 20) {
            return String.format("%.1f MB", bytes / (double) (1L << 20));
        }
        return bytes + " bytes";
    }
}
