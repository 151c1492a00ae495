package dev.recoveryorchestrator.runbook.databaseunreachable;

import dev.recoveryorchestrator.action.Backups;
import dev.recoveryorchestrator.action.AccessFiles;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.recoveryorchestrator.HostileValues;
import dev.recoveryorchestrator.action.AccessFiles;
import dev.recoveryorchestrator.action.AtomicFiles;
import dev.recoveryorchestrator.action.Backups;
import dev.recoveryorchestrator.standin.DemoDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Type 2's file work on real files in a temporary folder: Access databases written by Jackcess, damaged by
 * truncation and by overwriting the header; the predictor config and the env file with hostile lines that must stay
 * byte for byte.
 */
class DatabaseFilesTest {

    static final Pattern BACKUP = Pattern.compile("routing_db_(\\d{8})\\.accdb");
    /** Values that mean something to a shell, a template or an expression language, and a path escape. */
    static final List<String> HOSTILE = List.of("${x}", "#{x}", "$(id)", "; id", "../..", HostileValues.TEXT);

    @TempDir
    Path dir;

    @Test
    void jackcessTellsMissingDamagedAndFineApart() throws IOException {
        Path fine = dir.resolve("fine.accdb");
        DemoDatabase.create(fine, 7);
        Path header = copy(fine, "header.accdb");
        DatabaseUnreachableRunbookTest.overwriteHeader(header);
        Path truncated = copy(fine, "truncated.accdb");
        DatabaseUnreachableRunbookTest.truncate(truncated);

        assertThat(AccessFiles.open(fine).state()).isEqualTo(AccessFiles.State.FINE);
        assertThat(AccessFiles.open(fine).rowCounts()).containsEntry("routing", 7).containsEntry("predictions", 0);
        assertThat(AccessFiles.open(header).state()).isEqualTo(AccessFiles.State.DAMAGED);
        assertThat(AccessFiles.open(truncated).state()).isEqualTo(AccessFiles.State.DAMAGED);
        assertThat(AccessFiles.open(dir.resolve("none.accdb")).state()).isEqualTo(AccessFiles.State.MISSING);
        assertThat(AccessFiles.stat(fine).describe()).contains("크기 " + Files.size(fine), "읽기 가능", "쓰기 가능");
    }

    @Test
    void backupsComeNewestFirstAndAreNoNewerThanTheirNameOrTheirFile() throws IOException {
        Path older = dir.resolve("routing_db_20250101.accdb");
        Path newer = dir.resolve("routing_db_20250103.accdb");
        Files.writeString(older, "x");
        Files.writeString(newer, "x");
        Files.writeString(dir.resolve("routing_db_2025013.accdb"), "not a backup");
        Files.writeString(dir.resolve("routing_db_20251399.accdb"), "no such day");
        Files.writeString(dir.resolve("$(id).accdb"), "not a backup");
        Instant copiedLater = Instant.parse("2025-06-01T00:00:00Z");
        Files.setLastModifiedTime(older, FileTime.from(copiedLater));
        Instant nightly = Instant.parse("2025-01-03T02:00:00Z");
        Files.setLastModifiedTime(newer, FileTime.from(nightly));

        List<Backups.Backup> backups = Backups.newestFirst(dir, BACKUP, ZoneOffset.UTC);

        assertThat(backups).extracting(Backups.Backup::file).containsExactly(newer, older);
        assertThat(backups.get(0).takenAt()).as("the file's time, inside its day").isEqualTo(nightly);
        assertThat(backups.get(1).takenAt()).as("copied later: the end of its named day")
                .isEqualTo(LocalDate.of(2025, 1, 2).atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    @Test
    void aRestoreCopiesBesideAndMovesTheDamagedFileAsideNeverDeletingIt() throws Exception {
        Path backup = dir.resolve("routing_db_20250101.accdb");
        DemoDatabase.create(backup, 5);
        Path database = dir.resolve("ROUTING AUTO TEST.accdb");
        DemoDatabase.create(database, 9);
        DatabaseUnreachableRunbookTest.overwriteHeader(database);
        byte[] damaged = Files.readAllBytes(database);

        Path copy = AtomicFiles.copyBeside(backup, database, Duration.ofSeconds(30));
        assertThat(copy.getParent()).isEqualTo(dir);
        // 2025-01-01T18:04:05Z is 2025-01-02 03:04:05 in Seoul: the suffix reads in the zone given, not the JVM's
        Path aside = AtomicFiles.moveAside(database, "damaged", Instant.parse("2025-01-01T18:04:05Z"),
                ZoneId.of("Asia/Seoul"));
        AtomicFiles.moveInto(copy, database, aside);

        assertThat(aside.getFileName().toString()).isEqualTo("ROUTING AUTO TEST.accdb.damaged-20250102-030405");
        assertThat(Files.readAllBytes(aside)).isEqualTo(damaged);
        assertThat(AccessFiles.open(database).rowCounts()).isEqualTo(AccessFiles.open(backup).rowCounts());
        assertThat(Files.list(dir)).hasSize(3);
        Path second = AtomicFiles.moveAside(database, "damaged", Instant.parse("2025-01-01T18:04:05Z"),
                ZoneId.of("Asia/Seoul"));
        assertThat(second.getFileName().toString()).endsWith("-2");
    }

    @Test
    void aCopyPastItsLimitIsAbandonedAndLeavesNothingBehind() throws IOException {
        Path backup = dir.resolve("big.accdb");
        Files.write(backup, new byte[3 << 20]);
        Path database = dir.resolve("db.accdb");
        Files.writeString(database, "untouched");

        assertThatThrownBy(() -> AtomicFiles.copyBeside(backup, database, Duration.ZERO)).isInstanceOf(TimeoutException.class);
        assertThat(Files.list(dir)).containsExactlyInAnyOrder(backup, database);
        assertThat(Files.readString(database)).isEqualTo("untouched");
    }

    @Test
    void readOnlyModeChangesOneLineAndKeepsEveryOtherByteAndComment() throws IOException {
        Path config = dir.resolve("predictor_config.yaml");
        String before = "# 설정 ${x} #{x}\r\nmodel_path: \"$(id); id ../..\"\r\nread_only_mode: false   # 임시 조치\r\n"
                + "nested:\r\n  read_only_mode: false\r\ntop_k: 5";
        Files.write(config, before.getBytes(StandardCharsets.UTF_8));

        assertThat(ReadOnlyModeFile.set(config, true)).isTrue();
        assertThat(Files.readString(config)).isEqualTo(before.replace("read_only_mode: false   #", "read_only_mode: true   #"));
        assertThat(ReadOnlyModeFile.read(config)).contains(true);
        assertThat(ReadOnlyModeFile.set(config, true)).as("already on").isFalse();
        assertThat(ReadOnlyModeFile.set(config, false)).isTrue();
        assertThat(Files.readString(config)).isEqualTo(before);
    }

    @Test
    void readOnlyModeIsAddedWhenAbsentAndNonUtf8BytesSurvive() throws IOException {
        Path config = dir.resolve("predictor_config.yaml");
        byte[] cp949 = {'#', ' ', (byte) 0xC7, (byte) 0xD1, '\n', 'a', ':', ' ', '1'};
        Files.write(config, cp949);

        ReadOnlyModeFile.set(config, true);

        byte[] after = Files.readAllBytes(config);
        assertThat(new String(after, StandardCharsets.ISO_8859_1))
                .isEqualTo(new String(cp949, StandardCharsets.ISO_8859_1) + "\nread_only_mode: true\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"${x}", "#{x}", "$(id)", "` id`", "../..", "a\u0000b", "C:\\Data\\x.accdb"})
    void aHostileDbqIsAWrongFileAndTheFixWritesOnlyTheConfiguredPath(String hostile) throws IOException {
        Path env = dir.resolve(".env");
        Path database = dir.resolve("routing_data/ROUTING AUTO TEST.accdb");
        String others = "# ${x} $(id)\nexport OTHER='; id'\n";
        Files.writeString(env, others + "ACCESS_CONNECTION_STRING=\"Driver={X};Dbq=" + hostile + ";Uid=Admin;\"\nLAST=1\n");

        ConnectionStringFile.Check check = ConnectionStringFile.check(env, "ACCESS_CONNECTION_STRING", database);
        assertThat(check.state()).isEqualTo(ConnectionStringFile.State.WRONG_FILE);
        assertThat(check.dbq()).isEqualTo(hostile.strip());

        ConnectionStringFile.fix(env, "ACCESS_CONNECTION_STRING", "Driver={X};", database);

        assertThat(Files.readString(env)).isEqualTo(others + "ACCESS_CONNECTION_STRING=\"Driver={X};Dbq="
                + database.toAbsolutePath().normalize() + ";Uid=Admin;\"\nLAST=1\n");
        assertThat(ConnectionStringFile.check(env, "ACCESS_CONNECTION_STRING", database).state())
                .isEqualTo(ConnectionStringFile.State.RIGHT_FILE);
    }

    @Test
    void aMissingVariableOrDbqIsAddedAndAHugeFileStaysIntact() throws IOException {
        Path env = dir.resolve(".env");
        Path database = dir.resolve("db.accdb");
        String huge = "X=" + "y".repeat(100 * 1024) + "\r\n";
        Files.writeString(env, huge);
        assertThat(ConnectionStringFile.check(env, "ACCESS_CONNECTION_STRING", database).state())
                .isEqualTo(ConnectionStringFile.State.VARIABLE_MISSING);

        ConnectionStringFile.fix(env, "ACCESS_CONNECTION_STRING", "Driver={X};", database);
        assertThat(Files.readString(env)).isEqualTo(huge + "ACCESS_CONNECTION_STRING=Driver={X};Dbq="
                + database.toAbsolutePath().normalize() + ";\r\n");

        Files.writeString(env, "ACCESS_CONNECTION_STRING=Driver={X}\n");
        assertThat(ConnectionStringFile.check(env, "ACCESS_CONNECTION_STRING", database).state())
                .isEqualTo(ConnectionStringFile.State.NO_DBQ);
        ConnectionStringFile.fix(env, "ACCESS_CONNECTION_STRING", "Driver={X};", database);
        assertThat(Files.readString(env)).isEqualTo("ACCESS_CONNECTION_STRING=Driver={X};Dbq="
                + database.toAbsolutePath().normalize() + ";\n");
    }

    @Test
    void theShareMustBeInTheMountTableAndReadable() throws IOException {
        Path table = dir.resolve("mounts");
        Path share = Files.createDirectories(dir.resolve("mnt data"));
        Files.writeString(table, "server:/export " + share.toString().replace(" ", "\\040") + " nfs rw 0 0\n"
                + HOSTILE.get(0) + " /x\u0000y tmpfs rw 0 0\n");

        assertThat(ShareMount.check(share, table)).isEqualTo(ShareMount.State.MOUNTED);
        assertThat(ShareMount.check(dir.resolve("elsewhere"), table)).isEqualTo(ShareMount.State.NOT_MOUNTED);
        assertThat(ShareMount.check(null, table)).isEqualTo(ShareMount.State.NOT_CONFIGURED);
    }

    @Test
    void theConfirmationRestoresOnlyAMissingOrDamagedFileOnAMountedShare() {
        assertThat(ConfirmDatabaseUnreachableDelegate.recovery("NOT_CONFIGURED", "DAMAGED", "RIGHT_FILE")).isEqualTo("restore");
        assertThat(ConfirmDatabaseUnreachableDelegate.recovery("MOUNTED", "MISSING", "RIGHT_FILE")).isEqualTo("restore");
        assertThat(ConfirmDatabaseUnreachableDelegate.recovery("NOT_MOUNTED", "MISSING", "RIGHT_FILE")).isEqualTo("unusable");
        assertThat(ConfirmDatabaseUnreachableDelegate.recovery("MOUNTED", "NO_PERMISSION", "RIGHT_FILE")).isEqualTo("unusable");
        assertThat(ConfirmDatabaseUnreachableDelegate.recovery("MOUNTED", "FINE", "WRONG_FILE")).isEqualTo("fix-connection");
        assertThat(ConfirmDatabaseUnreachableDelegate.recovery("MOUNTED", "FINE", "RIGHT_FILE")).isEqualTo("manual");
        assertThat(ConfirmDatabaseUnreachableDelegate.recovery("MOUNTED", "FINE", "FILE_MISSING")).isEqualTo("manual");
    }

    private Path copy(Path file, String name) throws IOException {
        return Files.copy(file, dir.resolve(name));
    }
}
