package dev.recoveryorchestrator.action;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recoveryorchestrator.action.LogFiles.LogRead;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The target's log read from real files: bounded from the end, never failing quietly, whatever the bytes. */
class LogFilesTest {

    private static final Pattern ERRORS = Pattern.compile("ERROR|Traceback");

    @TempDir
    Path folder;

    @Test
    void aMissingLogIsAProblemNotAnEmptyLog() throws IOException {
        Path missing = folder.resolve("missing.log");

        LogRead tail = LogFiles.tail(missing, 100);
        LogRead errors = LogFiles.errorsSince(missing, 0, ERRORS);

        assertThat(tail.failed()).isTrue();
        assertThat(tail.problem()).isEqualTo("로그 파일 없음: " + missing);
        assertThat(errors.failed()).isTrue();
        assertThat(errors.problem()).isEqualTo("로그 파일 없음: " + missing);
        assertThat(LogFiles.size(missing)).isZero();
    }

    @Test
    void aLogPathThatIsAFolderIsAReadFailure() throws IOException {
        Path notAFile = Files.createDirectory(folder.resolve("backend.log"));

        assertThat(LogFiles.tail(notAFile, 10).problem()).startsWith("로그 파일 읽기 실패: " + notAFile);
        assertThat(LogFiles.errorsSince(notAFile, 0, ERRORS).problem()).startsWith("로그 파일 읽기 실패: " + notAFile);
    }

    @Test
    void aNamedPipeInPlaceOfTheLogIsAReadFailureAndDoesNotBlock() throws Exception {
        Path pipe = folder.resolve("backend.log");
        Process mkfifo = new ProcessBuilder("mkfifo", pipe.toString()).inheritIO().start();
        assertThat(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0).as("mkfifo " + pipe).isTrue();

        assertThat(LogFiles.tail(pipe, 10).problem()).startsWith("로그 파일 읽기 실패: " + pipe);
    }

    @Test
    void tailsEveryLineOfAFileShorterThanAsked() {
        Path log = write("one\ntwo\n세 번째\n");

        assertThat(lines(LogFiles.tail(log, 100))).containsExactly("one", "two", "세 번째");
    }

    @Test
    void tailsExactlyTheLastLinesOfALongerFile() {
        Path log = write(numbered(1, 250));

        assertThat(lines(LogFiles.tail(log, 100)))
                .containsExactlyElementsOf(IntStream.rangeClosed(151, 250).mapToObj(n -> "line " + n).toList());
    }

    @Test
    void tailsALastLineWithoutNewline() {
        Path log = write("one\ntwo\nthree");

        assertThat(lines(LogFiles.tail(log, 2))).containsExactly("two", "three");
        assertThat(lines(LogFiles.tail(log, 5))).containsExactly("one", "two", "three");
    }

    @Test
    void tailsCrlfLinesWithoutTheirCarriageReturns() {
        Path log = write("INFO one\r\nERROR two\r\nINFO three\r\n");

        assertThat(lines(LogFiles.tail(log, 2))).containsExactly("ERROR two", "INFO three");
        assertThat(lines(LogFiles.errorsSince(log, 0, Pattern.compile("two$")))).containsExactly("ERROR two");
    }

    @Test
    void tailsNothingWhenNoLinesAreAsked() {
        assertThat(LogFiles.tail(write("one\n"), 0)).isEqualTo(new LogRead(List.of(), null));
    }

    @Test
    void replacesBytesThatAreNotUtf8InsteadOfFailing() throws IOException {
        Charset cp949 = Charset.forName("MS949");
        Path log = folder.resolve("backend.log");
        try (OutputStream out = Files.newOutputStream(log)) {
            out.write("INFO 시작\n".getBytes(StandardCharsets.UTF_8));
            out.write("ERROR 모델 로드 실패: ".getBytes(cp949));
            out.write("한글".getBytes(cp949));
            out.write("\nTraceback (most recent call last):\n".getBytes(StandardCharsets.UTF_8));
            out.write(new byte[] {'x', 0, 'y', '\n'});
        }

        LogRead tail = LogFiles.tail(log, 10);
        LogRead errors = LogFiles.errorsSince(log, 0, ERRORS);

        assertThat(tail.failed()).isFalse();
        assertThat(lines(tail)).hasSize(4);
        assertThat(tail.lines().get(0)).isEqualTo("INFO 시작");
        assertThat(tail.lines().get(1)).startsWith("ERROR ").contains("\uFFFD").doesNotContain("한글");
        assertThat(tail.lines().get(2)).isEqualTo("Traceback (most recent call last):");
        assertThat(tail.lines().get(3)).as("NUL, which PostgreSQL text cannot hold").isEqualTo("x\uFFFDy");
        assertThat(lines(errors)).hasSize(2).allMatch(line -> line.startsWith("ERROR") || line.startsWith("Traceback"));
    }

    @Test
    void tailOfAFiftyMegabyteLogReadsOnlyItsEnd() throws IOException {
        Path log = folder.resolve("backend.log");
        byte[] garbage = new byte[1024 * 1024];
        Arrays.fill(garbage, (byte) 0xFF); // never valid UTF-8, and no line break
        try (OutputStream out = Files.newOutputStream(log)) {
            for (int megabyte = 0; megabyte < 50; megabyte++) {
                out.write(garbage);
            }
            out.write(("\n" + numbered(1, 300)).getBytes(StandardCharsets.UTF_8));
        }
        assertThat(Files.size(log)).isGreaterThan(50L * 1024 * 1024);
        List<String> expected = IntStream.rangeClosed(201, 300).mapToObj(n -> "line " + n).toList();

        try (CountingChannel channel = new CountingChannel(FileChannel.open(log))) {
            assertThat(LogFiles.tail(channel, 100)).containsExactlyElementsOf(expected);
            assertThat(channel.bytesRead).as("bytes read of a %d-byte file", Files.size(log))
                    .isLessThanOrEqualTo(2L * LogFiles.BLOCK + 1);
        }
        assertThat(lines(LogFiles.tail(log, 100))).containsExactlyElementsOf(expected);
    }

    @Test
    void aSingleLineLongerThanTheTailLimitComesBackCutAndMarked() throws IOException {
        Path log = folder.resolve("backend.log");
        Files.write(log, ("x".repeat((int) LogFiles.MAX_TAIL + 1000) + "END\n").getBytes(StandardCharsets.UTF_8));

        try (CountingChannel channel = new CountingChannel(FileChannel.open(log))) {
            List<String> lines = LogFiles.tail(channel, 10);
            assertThat(lines).hasSize(1);
            assertThat(lines.get(0)).startsWith("…x").endsWith("xEND");
            assertThat(channel.bytesRead).isLessThanOrEqualTo(2 * LogFiles.MAX_TAIL + 1);
        }
    }

    @Test
    void findsOnlyErrorsWrittenAfterTheOffset() throws IOException {
        Path log = write("INFO started\nERROR before the restart\n");
        long offset = LogFiles.size(log);
        assertThat(offset).isEqualTo(Files.size(log));

        append(log, "INFO restarted\nERROR after the restart\nTraceback (most recent call last):\nINFO ok\n");

        assertThat(lines(LogFiles.errorsSince(log, offset, ERRORS)))
                .containsExactly("ERROR after the restart", "Traceback (most recent call last):");
    }

    @Test
    void findsNoErrorsWhenNothingWasWrittenAfterTheOffset() throws IOException {
        Path log = write("ERROR old\n");

        LogRead errors = LogFiles.errorsSince(log, LogFiles.size(log), ERRORS);

        assertThat(errors.failed()).isFalse();
        assertThat(errors.lines()).isEmpty();
    }

    @Test
    void readsATruncatedOrRotatedFileFromTheStart() throws IOException {
        Path log = write(numbered(1, 50) + "ERROR long gone\n");
        long offset = LogFiles.size(log);

        write("ERROR after rotation\nINFO fine\n");
        assertThat(Files.size(log)).isLessThan(offset);

        assertThat(lines(LogFiles.errorsSince(log, offset, ERRORS))).containsExactly("ERROR after rotation");
        assertThat(lines(LogFiles.tail(log, 100))).containsExactly("ERROR after rotation", "INFO fine");
    }

    @Test
    void readsTheNewestPartOfAHugeRemainder() throws IOException {
        Path log = write("ERROR oldest, beyond the scan window\n");
        String filler = "INFO " + "x".repeat(1019) + "\n";
        try (var out = Files.newBufferedWriter(log, StandardCharsets.UTF_8, StandardOpenOption.APPEND)) {
            for (long written = 0; written <= LogFiles.MAX_SCAN; written += filler.length()) {
                out.write(filler);
            }
            out.write("ERROR newest\n");
        }

        assertThat(lines(LogFiles.errorsSince(log, 0, ERRORS))).containsExactly("ERROR newest");
    }

    private static List<String> lines(LogRead read) {
        assertThat(read.problem()).as("problem reading the log").isNull();
        return read.lines();
    }

    private Path write(String text) {
        try {
            return Files.writeString(folder.resolve("backend.log"), text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void append(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    private static String numbered(int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(n -> "line " + n + "\n").collect(Collectors.joining());
    }

    /** A file channel that counts the bytes read through it. */
    private static final class CountingChannel implements SeekableByteChannel {

        private final FileChannel file;
        long bytesRead;

        CountingChannel(FileChannel file) {
            this.file = file;
        }

        @Override
        public int read(ByteBuffer destination) throws IOException {
            int read = file.read(destination);
            bytesRead += Math.max(read, 0);
            return read;
        }

        @Override
        public int write(ByteBuffer source) {
            throw new UnsupportedOperationException("read only");
        }

        @Override
        public long position() throws IOException {
            return file.position();
        }

        @Override
        public SeekableByteChannel position(long position) throws IOException {
            file.position(position);
            return this;
        }

        @Override
        public long size() throws IOException {
            return file.size();
        }

        @Override
        public SeekableByteChannel truncate(long size) {
            throw new UnsupportedOperationException("read only");
        }

        @Override
        public boolean isOpen() {
            return file.isOpen();
        }

        @Override
        public void close() throws IOException {
            file.close();
        }
    }
}
