package dev.recoveryorchestrator.inspection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recoveryorchestrator.EngineTestSupport;
import dev.recoveryorchestrator.action.HealthProbe;
import dev.recoveryorchestrator.action.TargetSettings;
import dev.recoveryorchestrator.config.LocalTimes;
import dev.recoveryorchestrator.config.TimeZoneSettings;
import dev.recoveryorchestrator.incident.ObjectiveSettings;
import dev.recoveryorchestrator.standin.DemoDatabase;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.util.unit.DataSize;

/**
 * The weekly checks and the monthly restore test on real files: file systems measured with statvfs, Access files
 * written by Jackcess, log sizes from sparse files (a real 11 GB length, no disk used), a damaged backup made by
 * overwriting its header. Results are kept in the real database.
 */
class InspectionChecksTest extends EngineTestSupport {

    private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");

    @Autowired
    InspectionResults results;

    Path root;
    Path data;
    Path backups;
    Path logs;
    Path models;

    @BeforeEach
    void folders() throws IOException {
        root = Files.createTempDirectory(WORK, "inspection-");
        data = Files.createDirectories(root.resolve("routing_data"));
        backups = Files.createDirectories(root.resolve("backup"));
        logs = Files.createDirectories(root.resolve("logs"));
        models = Files.createDirectories(root.resolve("models"));
        jdbc.update("delete from ro_inspection_result");
    }

    private WeeklyChecks checks(int diskLimit, DataSize logLimit, Path backupDir, Path logDir) {
        TargetSettings target = new TargetSettings("routing-ml", URI.create("http://127.0.0.1:" + STANDIN_PORT
                + "/api/health"), null, "127.0.0.1", List.of(STANDIN_PORT), logDir.resolve("backend.log"),
                data.resolve("live.accdb"), backupDir, models, null, null, null, null);
        return new WeeklyChecks(settings(diskLimit, logLimit), target, objectives(), new HealthProbe(),
                new LocalTimes(new TimeZoneSettings(SEOUL)));
    }

    private static InspectionSettings settings(int diskLimit, DataSize logLimit) {
        return new InspectionSettings("0 0 10 * * MON", "0 0 9 1 * *", diskLimit, logLimit, 2, null,
                Pattern.compile("routing_db_(\\d{8})\\.accdb"), List.of(), null, Duration.ofSeconds(5),
                Duration.ofMinutes(1), 14, "devops", Duration.ofDays(2), Duration.ofDays(14), true, "backend-api-down",
                Duration.ofHours(2));
    }

    private static ObjectiveSettings objectives() {
        return new ObjectiveSettings(new ObjectiveSettings.Objective(Duration.ofHours(4), Duration.ofHours(8)),
                new ObjectiveSettings.Objective(Duration.ofHours(24), Duration.ofHours(72)));
    }

    /** A daily backup of {@code rows} rows, named for the day {@code age} ago and written then. */
    private Path backup(Duration age, int rows) throws IOException {
        Instant taken = start.minus(age);
        Path file = backups.resolve("routing_db_" + DateTimeFormatter.BASIC_ISO_DATE.format(LocalDate.ofInstant(taken,
                SEOUL)) + ".accdb");
        DemoDatabase.create(file, rows);
        Files.setLastModifiedTime(file, FileTime.from(taken));
        return file;
    }

    private static void damage(Path file) throws IOException {
        try (RandomAccessFile raw = new RandomAccessFile(file.toFile(), "rw")) {
            raw.seek(0);
            raw.write(new byte[4096]);
        }
    }

    @Test
    void diskUsageOfEveryFolderIsMeasuredAgainstTheLimit() throws IOException {
        CheckResult roomy = checks(100, DataSize.ofGigabytes(10), backups, logs).disk();
        assertThat(roomy.status()).isEqualTo(CheckResult.Status.PASS);
        assertThat(roomy.figures()).contains("디스크 " + backups, "(백업, ", "디스크 " + models, " % (한도 100 %)");
        assertThat(roomy.measured()).isBetween(0.0, 100.0);

        // Any real file system holding files uses more than 0 %: a limit of 1 % is exceeded for real.
        CheckResult tight = checks(1, DataSize.ofGigabytes(10), backups, logs).disk();
        assertThat(tight.status()).isEqualTo(CheckResult.Status.FAIL);
        assertThat(tight.finding()).contains("한도 1 % 초과");
        assertThat(tight.advice()).isNotBlank();
    }

    @Test
    void aMissingFolderIsAFindingNeverAPass() throws IOException {
        Path gone = root.resolve("no-such-backups");
        CheckResult disk = checks(100, DataSize.ofGigabytes(10), gone, logs).disk();
        assertThat(disk.status()).isEqualTo(CheckResult.Status.NOT_RUN);
        assertThat(disk.finding()).contains("백업 폴더 없음: " + gone);

        assertThat(checks(100, DataSize.ofGigabytes(10), gone, logs).backup().status())
                .isEqualTo(CheckResult.Status.NOT_RUN);
        assertThat(checks(100, DataSize.ofGigabytes(10), backups, root.resolve("no-logs")).logs().status())
                .isEqualTo(CheckResult.Status.NOT_RUN);
    }

    @Test
    void logsOverTheLimitFailWithTheLargestListed() throws IOException {
        try (RandomAccessFile big = new RandomAccessFile(logs.resolve("backend.log.1").toFile(), "rw")) {
            big.setLength(DataSize.ofGigabytes(11).toBytes()); // sparse: the length is real, the blocks are not used
        }
        Files.writeString(logs.resolve("backend.log"), "INFO started\n");
        Files.writeString(logs.resolve("$(id) | ${x}.log"), "x");

        CheckResult over = checks(100, DataSize.ofGigabytes(10), backups, logs).logs();
        assertThat(over.status()).isEqualTo(CheckResult.Status.FAIL);
        assertThat(over.figures()).contains("파일 3개", "합계 11.0 GB (한도 10.0 GB)", "큰 파일: backend.log.1 11.0 GB");
        assertThat(over.measured()).isEqualTo((double) (DataSize.ofGigabytes(11).toBytes() + 14));

        CheckResult under = checks(100, DataSize.ofGigabytes(12), backups, logs).logs();
        assertThat(under.status()).isEqualTo(CheckResult.Status.PASS);
    }

    @Test
    void theNewestBackupMustBeYoungerThanTheRpoAndOpen() throws IOException {
        WeeklyChecks weekly = checks(100, DataSize.ofGigabytes(10), backups, logs);
        assertThat(weekly.backup().status()).as("no backup at all").isEqualTo(CheckResult.Status.FAIL);

        backup(Duration.ofHours(30), 4);
        CheckResult old = weekly.backup();
        assertThat(old.status()).isEqualTo(CheckResult.Status.FAIL);
        assertThat(old.finding()).contains("RPO 목표보다 오래됨");
        assertThat(old.measured()).isGreaterThanOrEqualTo(30 * 3600.0);
        assertThat(old.target()).isEqualTo(24 * 3600.0);

        Path fresh = backup(Duration.ofHours(1), 5);
        CheckResult fine = weekly.backup();
        assertThat(fine.status()).as(fine.figures()).isEqualTo(CheckResult.Status.PASS);
        assertThat(fine.figures()).contains(fresh.getFileName().toString(), "Jackcess: 테이블");

        damage(fresh);
        CheckResult damaged = weekly.backup();
        assertThat(damaged.status()).isEqualTo(CheckResult.Status.FAIL);
        assertThat(damaged.finding()).contains("최신 백업이 열리지 않음");
    }

    @Test
    void theHealthCheckAsksTheRealBackend() {
        CheckResult up = checks(100, DataSize.ofGigabytes(10), backups, logs).health();
        assertThat(up.status()).as(up.figures()).isEqualTo(CheckResult.Status.PASS);
        assertThat(up.figures()).contains("/api/health");
    }

    private RestoreTest restoreTest() {
        WeeklyChecks weekly = checks(100, DataSize.ofGigabytes(10), backups, logs);
        TargetSettings target = new TargetSettings("routing-ml", URI.create("http://127.0.0.1:1/api/health"), null,
                "127.0.0.1", List.of(1), logs.resolve("backend.log"), data.resolve("live.accdb"), backups, models, null,
                null, null, null);
        return new RestoreTest(settings(100, DataSize.ofGigabytes(10)), target, weekly, results,
                new LocalTimes(new TimeZoneSettings(SEOUL)));
    }

    @Test
    void restoreTestRestoresTheNewestBackupAndComparesItWithTheLiveDatabase() throws IOException {
        DemoDatabase.create(data.resolve("live.accdb"), 9);
        Path newest = backup(Duration.ofHours(2), 7);
        byte[] before = Files.readAllBytes(newest);
        List<Path> scratchBefore = scratchFolders();

        CheckResult result = restoreTest().run();

        assertThat(result.status()).as(result.figures()).isEqualTo(CheckResult.Status.PASS);
        assertThat(result.figures()).contains("복원 " + newest.getFileName(), " ms", "운영 DB 와 비교", "routing 7/9행");
        assertThat(result.measured()).isBetween(2 * 3600.0, 2 * 3600.0 + 60);
        assertThat(result.target()).isEqualTo(24 * 3600.0);
        assertThat(result.durationMs()).isNotNull().isNotNegative();
        assertThat(result.tables()).contains("routing=7");
        assertThat(Files.readAllBytes(newest)).as("the backup is only read").isEqualTo(before);
        assertThat(scratchFolders()).as("scratch folder removed").isEqualTo(scratchBefore);
    }

    private static List<Path> scratchFolders() throws IOException {
        try (var scratch = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return scratch.filter(p -> p.getFileName().toString().startsWith("restore-test-")).sorted().toList();
        }
    }

    @Test
    void aDamagedNewestBackupFailsAndTheRpoFallsBackToTheNewestThatRestores() throws IOException {
        DemoDatabase.create(data.resolve("live.accdb"), 9);
        backup(Duration.ofHours(26), 6);
        Path newest = backup(Duration.ofHours(2), 7);
        damage(newest);

        CheckResult result = restoreTest().run();

        assertThat(result.status()).isEqualTo(CheckResult.Status.FAIL);
        assertThat(result.finding()).contains("최신 백업 손상: " + newest.getFileName(), "실제 RPO 는 복원되는 백업");
        assertThat(result.measured()).as("data age of the backup that restores").isBetween(26 * 3600.0, 26 * 3600.0 + 60);
        assertThat(Files.exists(newest)).as("the damaged backup is kept").isTrue();
    }

    @Test
    void withoutTheLiveDatabaseTheLastRecordedBaselineIsTheReference() throws IOException {
        DemoDatabase.create(data.resolve("live.accdb"), 9);
        backup(Duration.ofHours(2), 7);
        CheckResult first = restoreTest().run();
        results.record("baseline-run", "monthly", first);
        Files.delete(data.resolve("live.accdb"));

        CheckResult second = restoreTest().run();

        assertThat(second.status()).isEqualTo(CheckResult.Status.FAIL);
        assertThat(second.finding()).contains("운영 DB 를 열 수 없음", "기록된 기준");
        assertThat(second.figures()).contains("routing 7/7행");
    }
}
