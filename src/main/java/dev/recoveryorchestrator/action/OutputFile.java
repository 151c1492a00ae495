package dev.recoveryorchestrator.action;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The output file of a background work: the steps' processes append to it directly (so it outlives this JVM),
 * the work adds a line before and after each step, and people read its end.
 */
final class OutputFile {

    /** The most of the output's end kept in the record and in process variables. */
    static final int TAIL = 3000;

    private OutputFile() {
    }

    /** Appends a line of our own, starting it on a new line when the program's output did not end with one. */
    static void appendLine(Path file, String line) {
        boolean newLine = true;
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            if (in.length() > 0) {
                in.seek(in.length() - 1);
                newLine = in.read() == '\n';
            }
        } catch (IOException missing) {
            newLine = true;
        }
        append(file, (newLine ? "" : "\n") + line + "\n");
    }

    static void append(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the work's output file " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The last {@value #TAIL} characters at most, read from the end of the file (never the whole file). Bytes that
     * are not UTF-8 become U+FFFD, and so does NUL, which no database column takes.
     */
    static String tail(Path file) {
        if (!Files.isReadable(file)) {
            return null;
        }
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length();
            long from = Math.max(0, length - 4L * TAIL);
            in.seek(from);
            byte[] bytes = new byte[(int) (length - from)];
            in.readFully(bytes);
            return clip(new String(bytes, StandardCharsets.UTF_8), from > 0);
        } catch (IOException e) {
            return null;
        }
    }

    /** Keeps the newest {@value #TAIL} characters, marking a cut with an ellipsis. */
    static String clip(String text, boolean cut) {
        String clean = text.replace('\0', '\uFFFD');
        if (clean.length() > TAIL || (cut && clean.length() >= TAIL)) {
            return "…" + clean.substring(clean.length() - TAIL + 1);
        }
        return cut ? "…" + clean : clean;
    }
}
