package dev.recoveryorchestrator.runbook.databaseunreachable;

import dev.recoveryorchestrator.action.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code read_only_mode:} line of {@code config/predictor_config.yaml}: changed in place, every other line and
 * comment kept byte for byte (the file is handled as bytes, one char each), the line added at the end when absent,
 * written by copy and atomic move. The YAML is not parsed, so nothing in it is interpreted.
 */
final class ReadOnlyModeFile {

    /** A top-level {@code read_only_mode:} line: its value, and a trailing comment that is kept. */
    private static final Pattern LINE = Pattern.compile("(?m)^read_only_mode:([ \\t]*)([^#\\r\\n]*?)([ \\t]*#[^\\r\\n]*)?$");

    private ReadOnlyModeFile() {
    }

    /** {@code true} or {@code false} as the file says; empty when the line is absent or says something else. */
    static Optional<Boolean> read(Path file) throws IOException {
        Matcher line = LINE.matcher(text(file));
        if (!line.find()) {
            return Optional.empty();
        }
        String value = line.group(2).strip();
        return "true".equals(value) ? Optional.of(true) : "false".equals(value) ? Optional.of(false) : Optional.empty();
    }

    /** Sets the line to {@code on}; returns whether the file changed. */
    static boolean set(Path file, boolean on) throws IOException {
        String text = text(file);
        String value = Boolean.toString(on);
        Matcher line = LINE.matcher(text);
        String changed;
        if (line.find()) {
            if (line.group(2).strip().equals(value)) {
                return false;
            }
            String comment = line.group(3) == null ? "" : line.group(3);
            String spacing = line.group(1).isEmpty() ? " " : line.group(1);
            changed = text.substring(0, line.start()) + "read_only_mode:" + spacing + value + comment
                    + text.substring(line.end());
        } else {
            String newline = text.contains("\r\n") ? "\r\n" : "\n";
            changed = text + (text.isEmpty() || text.endsWith("\n") ? "" : newline) + "read_only_mode: " + value + newline;
        }
        AtomicFiles.replace(file, changed.getBytes(StandardCharsets.ISO_8859_1));
        return true;
    }

    private static String text(Path file) throws IOException {
        return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
    }
}
