package dev.recoveryorchestrator.action;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The variables of a target's environment file ({@code .env}), read as docker compose and python-dotenv read it
 * for the lines Routing ML writes: {@code KEY=VALUE}, an optional {@code export }, comments and blank lines skipped,
 * one pair of matching quotes around the value removed. Values are data: nothing in them is expanded or run (a
 * {@code $(id)} stays those five characters), and a line that is no assignment is skipped, not guessed at.
 */
public final class EnvFile {

    /** The most a file may hold; an environment file is a few lines, anything bigger is not one. */
    static final long MAX_BYTES = 1 << 20;
    private static final Pattern LINE = Pattern.compile("\\s*(?:export\\s+)?([A-Za-z_][A-Za-z0-9_]*)\\s*=\\s*(.*?)\\s*");

    private EnvFile() {
    }

    /**
     * The file's variables, in file order (a later line wins).
     *
     * @throws IOException when the file cannot be read, or is bigger than {@link #MAX_BYTES}
     */
    public static Map<String, String> read(Path file) throws IOException {
        long size = Files.size(file);
        if (size > MAX_BYTES) {
            throw new IOException(file + " is " + size + " bytes, not an environment file (at most " + MAX_BYTES + ")");
        }
        Map<String, String> variables = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            parse(line).ifPresent(entry -> variables.put(entry.getKey(), entry.getValue()));
        }
        return variables;
    }

    /** One line as a variable, or empty for a comment, a blank line or anything that is no assignment. */
    static Optional<Map.Entry<String, String>> parse(String line) {
        if (line.isBlank() || line.stripLeading().startsWith("#") || line.indexOf('\0') >= 0) {
            return Optional.empty();
        }
        Matcher matcher = LINE.matcher(line);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        String value = matcher.group(2);
        if (value.length() >= 2 && (value.charAt(0) == '"' || value.charAt(0) == '\'')
                && value.charAt(value.length() - 1) == value.charAt(0)) {
            value = value.substring(1, value.length() - 1);
        } else {
            int comment = value.indexOf(" #");
            if (comment >= 0) {
                value = value.substring(0, comment).stripTrailing();
            }
        }
        return Optional.of(Map.entry(matcher.group(1), value));
    }
}
