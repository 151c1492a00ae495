package dev.recoveryorchestrator.action;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Pattern;

/** Reads the target's log: its last lines ({@code tail -n}), its size, and the error lines written after a point. */
public final class LogFiles {

    static final long MAX_SCAN = 16L * 1024 * 1024;

    private LogFiles() {
    }

    /** The last {@code count} lines; an empty list when the file does not exist. */
    public static List<String> tail(Path file, int count) throws IOException {
        if (count <= 0 || !Files.exists(file)) {
            return List.of();
        }
        Deque<String> lines = new ArrayDeque<>(count);
        try (var reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (lines.size() == count) {
                    lines.removeFirst();
                }
                lines.addLast(line);
            }
        }
        return new ArrayList<>(lines);
    }

    public static long size(Path file) throws IOException {
        return Files.exists(file) ? Files.size(file) : 0L;
    }

    /**
     * The lines written from byte {@code offset} on that match {@code errorPattern}. A file shorter than the
     * offset was rotated or truncated: then the whole file is read. Of a very large remainder only the newest
     * {@value #MAX_SCAN} bytes are read.
     */
    public static List<String> errorsSince(Path file, long offset, Pattern errorPattern) throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        List<String> errors = new ArrayList<>();
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long from = offset >= 0 && offset <= in.length() ? offset : 0;
            in.seek(Math.max(from, in.length() - MAX_SCAN));
            byte[] rest = new byte[(int) (in.length() - in.getFilePointer())];
            in.readFully(rest);
            for (String line : new String(rest, StandardCharsets.UTF_8).split("\\R")) {
                if (errorPattern.matcher(line).find()) {
                    errors.add(line);
                }
            }
        }
        return errors;
    }
}
