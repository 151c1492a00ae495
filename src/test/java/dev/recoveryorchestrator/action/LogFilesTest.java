package dev.recoveryorchestrator.action;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogFilesTest {

    private static final Pattern ERRORS = Pattern.compile("ERROR|Traceback");

    @TempDir
    Path folder;

    @Test
    void tailsAMissingFileAsNoLines() throws IOException {
        assertThat(LogFiles.tail(folder.resolve("missing.log"), 100)).isEmpty();
        assertThat(LogFiles.size(folder.resolve("missing.log"))).isZero();
    }

    @Test
    void tailsEveryLineOfAFileShorterThanAsked() throws IOException {
        Path log = write("backend.log", "one\ntwo\n세 번째\n");

        assertThat(LogFiles.tail(log, 100)).containsExactly("one", "two", "세 번째");
    }

    @Test
    void tailsExactlyTheLastLinesOfALongerFile() throws IOException {
        Path log = write("backend.log", lines(1, 250));

        assertThat(LogFiles.tail(log, 100))
                .hasSize(100)
                .containsExactlyElementsOf(IntStream.rangeClosed(151, 250).mapToObj(n -> "line " + n).toList());
    }

    @Test
    void tailsALastLineWithoutNewline() throws IOException {
        Path log = write("backend.log", "one\ntwo\nthree");

        assertThat(LogFiles.tail(log, 2)).containsExactly("two", "three");
    }

    @Test
    void findsOnlyErrorsWrittenAfterTheOffset() throws IOException {
        Path log = write("backend.log", "INFO started\nERROR before the restart\n");
        long offset = LogFiles.size(log);
        assertThat(offset).isEqualTo(Files.size(log));

        append(log, "INFO restarted\nERROR after the restart\nTraceback (most recent call last):\nINFO ok\n");

        assertThat(LogFiles.errorsSince(log, offset, ERRORS))
                .containsExactly("ERROR after the restart", "Traceback (most recent call last):");
    }

    @Test
    void findsNoErrorsWhenNothingWasWrittenAfterTheOffset() throws IOException {
        Path log = write("backend.log", "ERROR old\n");

        assertThat(LogFiles.errorsSince(log, LogFiles.size(log), ERRORS)).isEmpty();
        assertThat(LogFiles.errorsSince(folder.resolve("missing.log"), 0, ERRORS)).isEmpty();
    }

    @Test
    void readsATruncatedFileFromTheStart() throws IOException {
        Path log = write("backend.log", lines(1, 50) + "ERROR long gone\n");
        long offset = LogFiles.size(log);

        write("backend.log", "ERROR after rotation\nINFO fine\n");
        assertThat(Files.size(log)).isLessThan(offset);

        assertThat(LogFiles.errorsSince(log, offset, ERRORS)).containsExactly("ERROR after rotation");
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(folder.resolve(name), text, StandardCharsets.UTF_8);
    }

    private static void append(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    @Test
    void tailsNothingWhenNoLinesAreAsked() throws IOException {
        assertThat(LogFiles.tail(write("backend.log", "one\n"), 0)).isEmpty();
    }

    @Test
    void readsTheNewestPartOfAHugeRemainder() throws IOException {
        Path log = write("backend.log", "ERROR oldest, beyond the scan window\n");
        String filler = "INFO " + "x".repeat(1019) + "\n";
        try (var out = Files.newBufferedWriter(log, StandardCharsets.UTF_8, StandardOpenOption.APPEND)) {
            for (long written = 0; written <= LogFiles.MAX_SCAN; written += filler.length()) {
                out.write(filler);
            }
            out.write("ERROR newest\n");
        }

        assertThat(LogFiles.errorsSince(log, 0, ERRORS)).containsExactly("ERROR newest");
    }

    private static String lines(int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(n -> "line " + n + "\n").collect(Collectors.joining());
    }
}
