package dev.recoveryorchestrator.action;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recoveryorchestrator.action.LogFiles.Followed;
import dev.recoveryorchestrator.action.LogFiles.LogPosition;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Following a log as {@code tail -F} does, on real files: only what is new, across rotation and truncation. */
class LogFollowTest {

    static final long MAX = 1024 * 1024;

    @TempDir
    Path dir;

    @Test
    void theFirstReadStartsAtTheEndAndLaterReadsGiveOnlyNewLines() throws IOException {
        Path log = write("old error\n");
        Followed first = LogFiles.follow(log, null, MAX);
        assertThat(first.lines()).as("written before the follower began").isEmpty();
        assertThat(first.position().offset()).isEqualTo(Files.size(log));

        append(log, "one\ntwo\n");
        Followed second = LogFiles.follow(log, first.position(), MAX);
        append(log, "three\n");
        Followed third = LogFiles.follow(log, second.position(), MAX);

        assertThat(second.lines()).containsExactly("one", "two");
        assertThat(third.lines()).containsExactly("three");
        assertThat(LogFiles.follow(log, third.position(), MAX).lines()).isEmpty();
    }

    @Test
    void aLineStillBeingWrittenIsReadOnceItEnds() throws IOException {
        Path log = write("");
        LogPosition start = LogFiles.follow(log, null, MAX).position();
        append(log, "done\nhalf a li");
        Followed partly = LogFiles.follow(log, start, MAX);
        append(log, "ne\n");

        assertThat(partly.lines()).containsExactly("done");
        assertThat(LogFiles.follow(log, partly.position(), MAX).lines()).containsExactly("half a line");
    }

    @Test
    void aRotatedLogIsFollowedIntoTheNewFileFromItsStart() throws IOException {
        Path log = write("before\n".repeat(50));
        LogPosition position = LogFiles.follow(log, null, MAX).position();
        // logrotate: the file is renamed and a new one created under the name, longer than the old offset or not.
        Files.move(log, dir.resolve("backend.log.1"), StandardCopyOption.ATOMIC_MOVE);
        write("after rotation\n");

        Followed followed = LogFiles.follow(log, position, MAX);

        assertThat(followed.restarted()).isTrue();
        assertThat(followed.lines()).containsExactly("after rotation");
    }

    @Test
    void aRotatedLogLongerThanTheOldOffsetIsStillReadFromItsStart() throws IOException {
        Path log = write("x\n");
        LogPosition position = LogFiles.follow(log, null, MAX).position();
        Files.delete(log);
        write("first of the new file\nsecond\n");

        assertThat(LogFiles.follow(log, position, MAX).lines()).containsExactly("first of the new file", "second");
    }

    @Test
    void aTruncatedLogIsReadFromItsStart() throws IOException {
        Path log = write("a long line that was there before\n".repeat(10));
        LogPosition position = LogFiles.follow(log, null, MAX).position();
        // copytruncate: same file, emptied, then written again
        Files.write(log, "new\n".getBytes(StandardCharsets.UTF_8), StandardOpenOption.TRUNCATE_EXISTING);

        Followed followed = LogFiles.follow(log, position, MAX);

        assertThat(followed.restarted()).isTrue();
        assertThat(followed.lines()).containsExactly("new");
    }

    @Test
    void moreNewBytesThanTheBoundGiveOnlyTheNewestWholeLines() throws IOException {
        Path log = write("");
        LogPosition start = LogFiles.follow(log, null, 100).position();
        append(log, "old line that will be skipped\n".repeat(20) + "newest\n");

        Followed followed = LogFiles.follow(log, start, 100);

        assertThat(followed.lines()).endsWith("newest").allSatisfy(line ->
                assertThat(line).isIn("newest", "old line that will be skipped"));
        assertThat(followed.lines().size()).isLessThanOrEqualTo(4);
        assertThat(followed.position().offset()).isEqualTo(Files.size(log));
    }

    @Test
    void aMissingLogIsAProblemAndKeepsThePosition() throws IOException {
        Path log = write("x\n");
        LogPosition position = LogFiles.follow(log, null, MAX).position();
        Files.delete(log);

        Followed followed = LogFiles.follow(log, position, MAX);

        assertThat(followed.failed()).isTrue();
        assertThat(followed.problem()).startsWith("로그 파일 없음: ");
        assertThat(followed.position()).isEqualTo(position);
    }

    @Test
    void hostileBytesArriveAsText() throws IOException {
        Path log = write("");
        LogPosition start = LogFiles.follow(log, null, MAX).position();
        byte[] cp949 = {(byte) 0xB5, (byte) 0xA5};
        Files.write(log, cp949, StandardOpenOption.APPEND);
        append(log, " ${x} #{x} $(id) ; id ../..\0 NUL\r\nBcc: x\r" + "y".repeat(100 * 1024) + "\n");

        Followed followed = LogFiles.follow(log, start, MAX);

        assertThat(followed.lines()).hasSize(3);
        assertThat(followed.lines().get(0)).isEqualTo("\uFFFD\uFFFD ${x} #{x} $(id) ; id ../..\uFFFD NUL");
        assertThat(followed.lines().get(1)).isEqualTo("Bcc: x");
        assertThat(followed.lines().get(2)).hasSize(100 * 1024);
    }

    private Path write(String text) throws IOException {
        Path log = dir.resolve("backend.log");
        Files.writeString(log, text, StandardCharsets.UTF_8);
        return log;
    }

    private static void append(Path log, String text) throws IOException {
        Files.writeString(log, text, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }
}
