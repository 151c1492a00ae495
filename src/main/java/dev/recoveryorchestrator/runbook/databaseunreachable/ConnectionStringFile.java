package dev.recoveryorchestrator.runbook.databaseunreachable;

import dev.recoveryorchestrator.action.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ACCESS_CONNECTION_STRING} in the service's env file: whether its {@code Dbq=} names the configured database
 * file, and the fix — that one line's {@code Dbq=} set to the configured file (the line added when missing), every
 * other line kept byte for byte, written by copy and atomic move. The value is data: compared as a path, never run,
 * expanded or resolved against anything but itself.
 */
public final class ConnectionStringFile {

    private static final Pattern DBQ = Pattern.compile("(?i)((?:^|;)[ \\t]*Dbq[ \\t]*=)([^;\"'\\r\\n]*)");

    /** What the env file says about the connection. */
    public enum State {
        NOT_CONFIGURED("환경 파일 미설정"), FILE_MISSING("환경 파일 없음"), VARIABLE_MISSING("변수 없음"),
        NO_DBQ("Dbq= 없음"), WRONG_FILE("다른 파일을 가리킴"), RIGHT_FILE("설정된 데이터베이스 파일과 일치");

        final String korean;

        State(String korean) {
            this.korean = korean;
        }

        boolean fixable() {
            return this == VARIABLE_MISSING || this == NO_DBQ || this == WRONG_FILE;
        }
    }

    /** The state and the {@code Dbq=} value found (empty when none). */
    public record Check(State state, String dbq) {
    }

    private ConnectionStringFile() {
    }

    public static Check check(Path envFile, String variable, Path database) throws IOException {
        if (envFile == null) {
            return new Check(State.NOT_CONFIGURED, "");
        }
        if (!Files.exists(envFile)) {
            return new Check(State.FILE_MISSING, "");
        }
        Matcher line = line(variable).matcher(text(envFile));
        if (!line.find()) {
            return new Check(State.VARIABLE_MISSING, "");
        }
        Matcher dbq = DBQ.matcher(line.group(2));
        if (!dbq.find()) {
            return new Check(State.NO_DBQ, "");
        }
        String value = dbq.group(2).strip();
        return new Check(sameFile(value, database) ? State.RIGHT_FILE : State.WRONG_FILE, value);
    }

    /** Points the variable's {@code Dbq=} at {@code database}; the file must exist. */
    static void fix(Path envFile, String variable, String driver, Path database) throws IOException {
        String text = text(envFile);
        String path = database.toAbsolutePath().normalize().toString();
        Matcher line = line(variable).matcher(text);
        String changed;
        if (!line.find()) {
            String newline = text.contains("\r\n") ? "\r\n" : "\n";
            changed = text + (text.isEmpty() || text.endsWith("\n") ? "" : newline) + variable + "=" + driver + "Dbq="
                    + path + ";" + newline;
        } else {
            String value = line.group(2);
            Matcher dbq = DBQ.matcher(value);
            String fixed = dbq.find()
                    ? value.substring(0, dbq.start(2)) + path + value.substring(dbq.end(2))
                    : insertDbq(value, path);
            changed = text.substring(0, line.start(2)) + fixed + text.substring(line.end(2));
        }
        AtomicFiles.replace(envFile, changed.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static String insertDbq(String value, String path) {
        String quote = value.startsWith("\"") || value.startsWith("'") ? value.substring(0, 1) : "";
        String inner = quote.isEmpty() ? value : value.substring(1, value.endsWith(quote) && value.length() > 1
                ? value.length() - 1 : value.length());
        return quote + inner + (inner.isEmpty() || inner.endsWith(";") ? "" : ";") + "Dbq=" + path + ";" + quote;
    }

    private static boolean sameFile(String value, Path database) {
        try {
            return !value.isEmpty() && Path.of(value).toAbsolutePath().normalize()
                    .equals(database.toAbsolutePath().normalize());
        } catch (InvalidPathException e) {
            return false; // a NUL or the like: certainly not the configured file
        }
    }

    /** {@code [export ]NAME=value} on a line of its own; group 2 is the value. */
    private static Pattern line(String variable) {
        return Pattern.compile("(?m)^([ \\t]*(?:export[ \\t]+)?" + Pattern.quote(variable) + "[ \\t]*=)([^\\r\\n]*)$");
    }

    private static String text(Path file) throws IOException {
        return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
    }
}
