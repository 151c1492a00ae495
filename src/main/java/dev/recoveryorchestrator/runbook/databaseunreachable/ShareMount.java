package dev.recoveryorchestrator.runbook.databaseunreachable;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Is the network share mounted ({@code mount | grep /mnt/data})? The configured mount point must be listed in the
 * kernel's mount table ({@code /proc/self/mounts}, where a space is written {@code \040}) and be a folder that can be
 * listed: a hung or vanished share fails the listing.
 */
final class ShareMount {

    private static final Path MOUNTS = Path.of("/proc/self/mounts");
    private static final Pattern OCTAL = Pattern.compile("\\\\([0-7]{3})");

    /** What the check found. */
    enum State {
        NOT_CONFIGURED("미설정 (확인 생략)"), MOUNTED("마운트됨"), NOT_MOUNTED("마운트되지 않음"), NOT_READABLE("마운트됐지만 읽을 수 없음");

        final String korean;

        State(String korean) {
            this.korean = korean;
        }
    }

    private ShareMount() {
    }

    static State check(Path mountPoint) {
        return check(mountPoint, MOUNTS);
    }

    static State check(Path mountPoint, Path mountTable) {
        if (mountPoint == null) {
            return State.NOT_CONFIGURED;
        }
        String wanted = mountPoint.toAbsolutePath().normalize().toString();
        boolean listed;
        try {
            listed = Files.readAllLines(mountTable, StandardCharsets.UTF_8).stream()
                    .map(line -> line.split(" "))
                    .filter(fields -> fields.length > 1)
                    .anyMatch(fields -> unescape(fields[1]).equals(wanted));
        } catch (IOException e) {
            listed = false;
        }
        if (!listed) {
            return State.NOT_MOUNTED;
        }
        try (var entries = Files.list(mountPoint)) {
            entries.findAny();
            return State.MOUNTED;
        } catch (IOException | RuntimeException e) {
            return State.NOT_READABLE;
        }
    }

    private static String unescape(String field) {
        Matcher octal = OCTAL.matcher(field);
        StringBuilder out = new StringBuilder();
        while (octal.find()) {
            octal.appendReplacement(out, Matcher.quoteReplacement(String.valueOf((char) Integer.parseInt(octal.group(1), 8))));
        }
        return octal.appendTail(out).toString();
    }
}
