package dev.recoveryorchestrator.inspection.backup;

import static org.assertj.core.api.Assertions.assertThat;

import com.healthmarketscience.jackcess.Database;
import com.healthmarketscience.jackcess.DatabaseBuilder;
import dev.recoveryorchestrator.DateSensitive;
import dev.recoveryorchestrator.action.AccessFiles;
import dev.recoveryorchestrator.action.TargetSettings;
import dev.recoveryorchestrator.config.TimeZoneSettings;
import dev.recoveryorchestrator.standin.DemoDatabase;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.stream.Stream;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daily backup on real files: a live {@code .accdb} written by Jackcess, copies verified by Jackcess and by
 * {@code sha256sum -c} itself, a damaged live file, a backup of the day already there (verified or not), retention
 * around month ends with hostile names, a symbolic link and a folder named like backups in the folder.
 */
@DateSensitive
class DailyBackupsTest {

    static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    /** 2026-12-01 01:00 in Seoul, still 2026-11-30 in UTC: the day of the name is Seoul's. */
    static final Instant AFTER_MONTH_END = Instant.parse("2026-11-30T16:00:00Z");

    @TempDir
    Path work;
    Path live;
    Path backups;
    DailyBackupSettings settings;
    BackupCatalog catalog;
    DailyBackups daily;

    @BeforeEach
    void liveDatabaseAndBackupFolder() throws IOException {
        live = work.resolve("routing_data/ROUTING AUTO TEST.accdb");
        Files.createDirectories(live.getParent());
        DemoDatabase.create(live, 25);
        backups = Files.createDirectories(work.resolve("backup"));
        settings = new DailyBackupSettings("0 0 2 * * *", Duration.ofDays(14), 3, Duration.ofMinutes(1),
                Duration.ofMinutes(1), "devops", Duration.ofDays(3));
        TargetSettings target = new TargetSettings("routing-ml", URI.create("http://127.0.0.1:1/api/health"), null,
                "127.0.0.1", List.of(1), work.resolve("backend.log"), live, backups, null, null, null, null, null);
        catalog = new BackupCatalog(target, settings, new TimeZoneSettings(SEOUL));
        daily = new DailyBackups(target, settings, new TimeZoneSettings(SEOUL), catalog);
        ClockUtil.setCurrentTime(Date.from(AFTER_MONTH_END));
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void copiesTheLiveFileVerifiedWithAChecksumSha256sumAccepts() throws Exception {
        DailyBackups.Outcome outcome = daily.backUp(AFTER_MONTH_END);

        assertThat(outcome.verified()).as(outcome.findings().toString()).isTrue();
        assertThat(outcome.file()).isEqualTo("routing_db_20261201.accdb");
        Path backup = backups.resolve("routing_db_20261201.accdb");
        assertThat(AccessFiles.open(backup).rowCounts()).isEqualTo(AccessFiles.open(live).rowCounts())
                .containsEntry("routing", 25);
        assertThat(outcome.summary()).contains("백업 검증됨", "routing_db_20261201.accdb", "25행");
        assertThat(run(backups, "sha256sum", "-c", "routing_db_20261201.accdb.sha256"))
                .contains("routing_db_20261201.accdb: OK");
        assertThat(names()).as("no temporary file left").containsExactlyInAnyOrder("routing_db_20261201.accdb",
                "routing_db_20261201.accdb.sha256");
        assertThat(catalog.list()).singleElement().satisfies(entry -> {
            assertThat(entry.day()).isEqualTo(LocalDate.of(2026, 12, 1));
            assertThat(entry.verified()).isTrue();
            assertThat(entry.size()).isEqualTo(Files.size(live));
        });
    }

    static void overwriteHeader(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        for (int i = 0; i < 4096; i++) {
            bytes[i] = 0x5a;
        }
        Files.write(file, bytes);
    }

    @Test
    void aDamagedLiveFileIsAFindingAndNoBackup() throws IOException {
        byte[] bytes = Files.readAllBytes(live);
        for (int i = 0; i < 4096; i++) {
            bytes[i] = 0x5a;
        }
        Files.write(live, bytes);

        DailyBackups.Outcome outcome = daily.backUp(AFTER_MONTH_END);

        assertThat(outcome.verified()).isFalse();
        assertThat(outcome.findings()).singleElement().asString().contains("원본 데이터베이스", "손상");
        assertThat(names()).isEmpty();
        assertThat(Files.readAllBytes(live)).as("the live file is not touched").isEqualTo(bytes);
    }

    @Test
    void aMissingBackupFolderIsAFindingAndIsNotCreated() throws IOException {
        Files.delete(backups);
        DailyBackups.Outcome outcome = daily.backUp(AFTER_MONTH_END);
        assertThat(outcome.verified()).isFalse();
        assertThat(outcome.findings()).singleElement().asString().contains("백업 폴더 없음");
        assertThat(backups).doesNotExist();
    }

    @Test
    void aVerifiedBackupOfTheDayIsNeverReplaced() throws IOException {
        assertThat(daily.backUp(AFTER_MONTH_END).verified()).isTrue();
        Path backup = backups.resolve("routing_db_20261201.accdb");
        byte[] first = Files.readAllBytes(backup);
        FileTime firstTime = Files.getLastModifiedTime(backup);
        addRow(live);

        DailyBackups.Outcome again = daily.backUp(AFTER_MONTH_END.plus(Duration.ofHours(5)));

        assertThat(again.verified()).isTrue();
        assertThat(again.summary()).contains("이미 있음");
        assertThat(Files.readAllBytes(backup)).isEqualTo(first);
        assertThat(Files.getLastModifiedTime(backup)).isEqualTo(firstTime);
    }

    @Test
    void anUnverifiedBackupOfTheDayIsMovedAsideNeverLost() throws IOException {
        Path backup = backups.resolve("routing_db_20261201.accdb");
        Files.writeString(backup, "not an access file, but someone's");

        DailyBackups.Outcome outcome = daily.backUp(AFTER_MONTH_END);

        assertThat(outcome.verified()).isTrue();
        assertThat(outcome.summary()).contains("routing_db_20261201.accdb.unverified-20261201-010000");
        assertThat(backups.resolve("routing_db_20261201.accdb.unverified-20261201-010000"))
                .hasContent("not an access file, but someone's");
        assertThat(AccessFiles.open(backup).state()).isEqualTo(AccessFiles.State.FINE);
    }

    @Test
    void anUnverifiedBackupOfTheDayStaysInPlaceWhenTheLiveFileIsDamaged() throws IOException {
        // A good copy taken that morning by hand (no checksum): the newest data there may be once the live file breaks.
        Path backup = backups.resolve("routing_db_20261201.accdb");
        Files.copy(live, backup);
        byte[] morning = Files.readAllBytes(backup);
        overwriteHeader(live);

        DailyBackups.Outcome outcome = daily.backUp(AFTER_MONTH_END);

        assertThat(outcome.verified()).isFalse();
        assertThat(names()).as("nothing moved, nothing added").containsExactly("routing_db_20261201.accdb");
        assertThat(Files.readAllBytes(backup)).isEqualTo(morning);
        assertThat(outcome.findings()).anySatisfy(finding -> assertThat(finding).contains("원본 데이터베이스", "손상"))
                .anySatisfy(finding -> assertThat(finding).contains("routing_db_20261201.accdb", "그대로 둠"));
    }

    @Test
    void anUnverifiedBackupOfTheDayStaysInPlaceWhenNoConsistentCopyCanBeMade() throws IOException {
        Path backup = backups.resolve("routing_db_20261201.accdb");
        Files.writeString(backup, "someone's copy");
        DailyBackups tooShort = new DailyBackups(new TargetSettings("routing-ml",
                URI.create("http://127.0.0.1:1/api/health"), null, "127.0.0.1", List.of(1), work.resolve("backend.log"),
                live, backups, null, null, null, null, null), new DailyBackupSettings("0 0 2 * * *", Duration.ofDays(14), 3,
                Duration.ZERO, Duration.ofMinutes(1), "devops", Duration.ofDays(3)), new TimeZoneSettings(SEOUL), catalog);

        DailyBackups.Outcome outcome = tooShort.backUp(AFTER_MONTH_END);

        assertThat(outcome.verified()).isFalse();
        assertThat(backup).hasContent("someone's copy");
        assertThat(names()).containsExactly("routing_db_20261201.accdb");
    }

    @Test
    void aLinkOrFolderNamedLikeTodaysBackupIsLeftAloneAndIsAFinding() throws IOException {
        Path elsewhere = Files.writeString(work.resolve("elsewhere.txt"), "keep me");
        Files.createSymbolicLink(backups.resolve("routing_db_20261201.accdb"), elsewhere);

        DailyBackups.Outcome outcome = daily.backUp(AFTER_MONTH_END);

        assertThat(outcome.verified()).isFalse();
        assertThat(outcome.findings()).singleElement().asString().contains("일반 파일이 아님");
        assertThat(Files.isSymbolicLink(backups.resolve("routing_db_20261201.accdb"))).isTrue();
        assertThat(elsewhere).hasContent("keep me");
    }

    @Test
    void retentionDeletesOnlyOldBackupsAndTheirChecksumsAndNothingElse() throws IOException {
        // Seoul's today is 2026-12-01: 14 days back is 2026-11-17, kept; 2026-11-16 and older go.
        for (String day : List.of("20261201", "20261117", "20261116", "20261031")) {
            backup(day);
        }
        Path elsewhere = Files.writeString(work.resolve("elsewhere.accdb"), "not ours");
        Files.createSymbolicLink(backups.resolve("routing_db_20261001.accdb"), elsewhere);
        Files.createDirectories(backups.resolve("routing_db_20261002.accdb"));
        List<String> hostile = List.of("routing_db_20261003.accdb; id", "routing_db_$(id).accdb",
                "routing_db_20261004.accdb\nrouting_db_20261005.accdb", "..routing_db_20261006.accdb",
                "routing_db_${x}.accdb", "routing_db_#{x}.accdb", "routing_db_20261007.accdb.bak", "notes.txt",
                "routing_db_2026100.accdb", "routing_db_20261399.accdb");
        for (String name : hostile) {
            Files.writeString(backups.resolve(name), "x".repeat(100 * 1024));
        }

        DailyBackups.Retention retention = daily.applyRetention(AFTER_MONTH_END);

        assertThat(retention.deleted()).containsExactlyInAnyOrder("routing_db_20261116.accdb", "routing_db_20261031.accdb");
        assertThat(retention.kept()).isEqualTo("routing_db_20261201.accdb");
        assertThat(retention.problems()).isEmpty();
        assertThat(names()).doesNotContain("routing_db_20261116.accdb", "routing_db_20261116.accdb.sha256",
                "routing_db_20261031.accdb", "routing_db_20261031.accdb.sha256")
                .contains("routing_db_20261201.accdb", "routing_db_20261201.accdb.sha256", "routing_db_20261117.accdb",
                        "routing_db_20261117.accdb.sha256", "routing_db_20261001.accdb", "routing_db_20261002.accdb")
                .containsAll(hostile);
        assertThat(Files.isSymbolicLink(backups.resolve("routing_db_20261001.accdb"))).isTrue();
        assertThat(elsewhere).hasContent("not ours");
        assertThat(backups.resolve("routing_db_20261002.accdb")).isDirectory();
    }

    @Test
    void retentionKeepsTheNewestVerifiedBackupHoweverOld() throws IOException {
        backup("20261010");
        backup("20261001");
        Path damaged = backups.resolve("routing_db_20261020.accdb");
        Files.writeString(damaged, "damaged newer backup");

        DailyBackups.Retention retention = daily.applyRetention(AFTER_MONTH_END);

        assertThat(retention.kept()).isEqualTo("routing_db_20261010.accdb");
        assertThat(retention.deleted()).containsExactlyInAnyOrder("routing_db_20261001.accdb", "routing_db_20261020.accdb");
        assertThat(backups.resolve("routing_db_20261010.accdb")).exists();
        assertThat(catalog.newestVerified()).get().extracting(BackupCatalog.Entry::file).isEqualTo("routing_db_20261010.accdb");
    }

    @Test
    void retentionDeletesNothingWhenNoBackupVerifies() throws IOException {
        Files.writeString(backups.resolve("routing_db_20261001.accdb"), "old, unverified");
        Files.writeString(backups.resolve("routing_db_20261002.accdb"), "old, unverified");

        DailyBackups.Retention retention = daily.applyRetention(AFTER_MONTH_END);

        assertThat(retention.deleted()).isEmpty();
        assertThat(retention.problems()).singleElement().asString().contains("검증된 백업을 찾지 못해");
        assertThat(names()).containsExactlyInAnyOrder("routing_db_20261001.accdb", "routing_db_20261002.accdb");
    }

    @Test
    void theCatalogSaysWhichBackupsVerifyAndHowOldTheirDataIs() throws IOException {
        backup("20261130");
        backup("20261129");
        Files.writeString(backups.resolve("routing_db_20261129.accdb.sha256"), "0".repeat(64) + "  routing_db_20261129.accdb\n");
        Files.writeString(backups.resolve("routing_db_20261128.accdb"), "no checksum");
        Instant taken = Instant.parse("2026-11-29T17:00:00Z");
        Files.setLastModifiedTime(backups.resolve("routing_db_20261130.accdb"), FileTime.from(taken));

        List<BackupCatalog.Entry> entries = catalog.list();

        assertThat(entries).extracting(BackupCatalog.Entry::file).containsExactly("routing_db_20261130.accdb",
                "routing_db_20261129.accdb", "routing_db_20261128.accdb");
        assertThat(entries).extracting(BackupCatalog.Entry::verified).containsExactly(true, false, false);
        assertThat(entries.get(1).problem()).contains("체크섬 불일치");
        assertThat(entries.get(2).problem()).contains("체크섬 파일 없음");
        assertThat(entries.get(0).dataAge()).isEqualTo(Duration.between(taken, AFTER_MONTH_END));
    }

    /** A verified backup of the day, as the daily backup writes it. */
    private void backup(String day) throws IOException {
        Path file = backups.resolve("routing_db_" + day + ".accdb");
        Files.copy(live, file);
        String digest = run(backups, "sha256sum", file.getFileName().toString());
        Files.writeString(BackupCatalog.checksumOf(file), digest);
    }

    private static void addRow(Path database) throws IOException {
        try (Database db = DatabaseBuilder.open(database.toFile())) {
            db.getTable("routing").addRow(null, "ITEM-9999", "절단", 5);
        }
    }

    private List<String> names() throws IOException {
        try (Stream<Path> files = Files.list(backups)) {
            return files.map(file -> file.getFileName().toString()).toList();
        }
    }

    private static String run(Path dir, String... command) {
        try {
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor()).as(output).isZero();
            return output;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
