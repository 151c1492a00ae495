package dev.recoveryorchestrator.inspection;

import dev.recoveryorchestrator.action.AccessFiles;
import dev.recoveryorchestrator.action.AtomicFiles;
import dev.recoveryorchestrator.action.Backups;
import dev.recoveryorchestrator.action.TargetSettings;
import dev.recoveryorchestrator.config.EngineClock;
import dev.recoveryorchestrator.config.Durations;
import dev.recoveryorchestrator.config.LocalTimes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.stereotype.Service;

/**
 * The monthly backup restore test (백업 복원 테스트): the newest backup is copied into a scratch folder (a temporary
 * folder, removed afterwards; the backup itself is only read), opened with Jackcess and compared with the live
 * database's tables and row counts, or with the last recorded baseline when the live file cannot be read. The
 * restore time and the data age are recorded: the data age of the backup that really restores is the RPO we would
 * get. A damaged newest backup fails the test, and the RPO figure falls back to the newest backup that restores.
 */
@Service
public class RestoreTest {

    public static final String CHECK = "restore";
    public static final String TITLE = "백업 복원 테스트";

    private final InspectionSettings settings;
    private final TargetSettings target;
    private final WeeklyChecks weekly;
    private final InspectionResults results;
    private final LocalTimes times;

    RestoreTest(InspectionSettings settings, TargetSettings target, WeeklyChecks weekly, InspectionResults results,
            LocalTimes times) {
        this.settings = settings;
        this.target = target;
        this.weekly = weekly;
        this.results = results;
        this.times = times;
    }

    public CheckResult run() throws IOException {
        Path dir = target.backupDir();
        if (dir == null || !Files.isDirectory(dir)) {
            return CheckResult.notRun(CHECK, TITLE, dir == null ? "백업 폴더 설정 없음 (recovery.target.backup-dir)"
                    : "백업 폴더 없음: " + dir, "백업 폴더와 backup-daily 실행 확인");
        }
        // A link named like a backup is not a backup (it could point at the live file and fake a fresh RPO).
        List<Backups.Backup> backups = Backups.newestFirst(dir, settings.backupName(), times.zone()).stream()
                .filter(backup -> !Files.isSymbolicLink(backup.file())).toList();
        if (backups.isEmpty()) {
            return CheckResult.fail(CHECK, TITLE, "복원할 백업 없음: " + dir, "백업 파일이 하나도 없음",
                    "backup-daily 가 돌고 있는지 확인하고 수동으로 백업 실행", null, (double) weekly.backupMaxAge().toSeconds(), "s");
        }
        Duration rpo = weekly.backupMaxAge();
        List<String> damaged = new ArrayList<>();
        Path scratch = Files.createTempDirectory("restore-test-");
        long deadline = System.nanoTime() + settings.restoreLimit().toNanos(); // one bound for the whole step (a job)
        try {
            for (Backups.Backup backup : backups.subList(0, Math.min(backups.size(), settings.backupsExamined()))) {
                long began = System.nanoTime();
                Path copy;
                try {
                    copy = AtomicFiles.copyBeside(backup.file(), scratch.resolve("restored-" + damaged.size() + ".accdb"),
                            Duration.ofNanos(deadline - System.nanoTime()), "restore-test");
                } catch (TimeoutException e) {
                    return CheckResult.fail(CHECK, TITLE, "복원 시간 초과: " + backup.file().getFileName() + " 복사가 "
                            + settings.restoreLimit() + " 안에 끝나지 않음" + (damaged.isEmpty() ? "" : "; 앞선 백업 손상: "
                            + String.join("; ", damaged)), "restore-limit (" + settings.restoreLimit() + ") 초과",
                            "백업 크기와 디스크 속도 확인, 필요하면 recovery.inspection.restore-limit 조정"
                                    + " (recovery.commands.inline-limit 이하)", null, (double) rpo.toSeconds(), "s");
                }
                AccessFiles.Contents restored = AccessFiles.open(copy);
                long millis = Duration.ofNanos(System.nanoTime() - began).toMillis();
                if (restored.state() != AccessFiles.State.FINE) {
                    damaged.add(backup.file().getFileName() + " (" + restored.describe() + ")");
                    continue;
                }
                return compared(backup, restored, millis, damaged, rpo);
            }
        } finally {
            removeScratch(scratch);
        }
        return CheckResult.fail(CHECK, TITLE, "복원되는 백업 없음: " + String.join("; ", damaged),
                "백업 " + damaged.size() + "개 모두 복원 불가", "즉시 수동 백업 후 backup-daily 검증 결과 확인; 손상된 백업은 지우지 말고 보관",
                null, (double) rpo.toSeconds(), "s");
    }

    private CheckResult compared(Backups.Backup backup, AccessFiles.Contents restored, long millis, List<String> damaged,
            Duration rpo) {
        // A backup written a moment ago may carry a file time a little ahead of the engine's clock: no data is younger
        // than now.
        Duration age = Duration.between(backup.takenAt(), EngineClock.now());
        age = age.isNegative() ? Duration.ZERO : age;
        List<String> findings = new ArrayList<>();
        if (!damaged.isEmpty()) {
            findings.add("최신 백업 손상: " + damaged.get(0) + (damaged.size() > 1 ? " 외 " + (damaged.size() - 1) + "개" : "")
                    + "; 실제 RPO 는 복원되는 백업 " + backup.file().getFileName() + " 기준");
        }
        if (age.compareTo(rpo) > 0) {
            findings.add("복원되는 백업의 데이터가 RPO 목표보다 오래됨 (" + Durations.words(age) + " > " + Durations.words(rpo) + ")");
        }
        Map<String, Integer> reference;
        String against;
        AccessFiles.Contents live = target.databaseFile() == null ? null : AccessFiles.open(target.databaseFile());
        if (live != null && live.state() == AccessFiles.State.FINE) {
            reference = live.rowCounts();
            against = "운영 DB";
        } else {
            Optional<InspectionResults.Recorded> baseline = results.lastBaseline();
            reference = baseline.map(recorded -> parse(recorded.result().tables())).orElse(null);
            against = baseline.map(recorded -> "기록된 기준 (" + times.minute(recorded.recordedAt()) + ")").orElse(null);
            findings.add("운영 DB 를 열 수 없음" + (live == null ? " (recovery.target.database-file 설정 없음)" : ": "
                    + live.describe()) + (reference == null ? "; 비교할 기준도 없음" : "; " + against + " 와 비교"));
        }
        String comparison = "";
        if (reference != null) {
            TreeSet<String> missing = new TreeSet<>(reference.keySet());
            missing.removeAll(restored.rowCounts().keySet());
            if (!missing.isEmpty()) {
                findings.add("백업에 없는 테이블: " + missing);
            }
            comparison = ", " + against + " 와 비교: " + reference.keySet().stream().map(table -> table + " "
                    + restored.rowCounts().getOrDefault(table, 0) + "/" + reference.get(table) + "행")
                    .collect(Collectors.joining(", "));
        }
        String figures = "복원 " + backup.file().getFileName() + ": " + millis + " ms, 테이블 " + restored.rowCounts().size()
                + "개" + comparison + "; 데이터 시점 " + times.minute(backup.takenAt()) + ", 데이터 나이 "
                + Durations.words(age) + " (RPO 목표 " + Durations.words(rpo) + ")";
        String tables = restored.rowCounts().entrySet().stream().map(entry -> entry.getKey() + "=" + entry.getValue())
                .collect(Collectors.joining(";"));
        CheckResult result = findings.isEmpty()
                ? CheckResult.pass(CHECK, TITLE, figures, (double) age.toSeconds(), (double) rpo.toSeconds(), "s")
                : CheckResult.fail(CHECK, TITLE, figures, String.join("; ", findings),
                        "backup-daily 의 검증 결과와 백업 폴더 확인 후 수동 백업, 다시 복원 테스트 (POST /api/inspections/monthly);"
                                + " 손상된 백업은 지우지 말고 옆으로 옮겨 보관",
                        (double) age.toSeconds(), (double) rpo.toSeconds(), "s");
        return result.withDuration(millis).withTables(tables);
    }

    private static Map<String, Integer> parse(String tables) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        if (tables == null || tables.isBlank()) {
            return counts;
        }
        for (String pair : tables.split(";")) {
            int at = pair.lastIndexOf('=');
            if (at > 0) {
                try {
                    counts.put(pair.substring(0, at), Integer.parseInt(pair.substring(at + 1)));
                } catch (NumberFormatException e) {
                    // not a count: left out of the comparison
                }
            }
        }
        return counts;
    }

    /** Removes the scratch folder: our own temporary copies, never the backups. */
    private static void removeScratch(Path scratch) throws IOException {
        try (Stream<Path> files = Files.walk(scratch)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }
}
