package dev.recoveryorchestrator.action;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The daily backups ({@code routing_db_YYYYMMDD.accdb}) in the backup folder, newest first.
 * <p>
 * When a backup was taken: the older of its file's modification time and the end of the day its name gives. A
 * backup cannot hold data newer than the moment it was written, nor newer than the day it is named for; a copy
 * made later (moved between disks, restored from tape) gets a new modification time but keeps its name, and a file
 * touched by hand keeps an old name. Taking the older never understates the data-loss window.
 */
public final class Backups {

    /** One backup file and when its data is from. */
    public record Backup(Path file, LocalDate day, Instant takenAt) {
    }

    private Backups() {
    }

    public static List<Backup> newestFirst(Path dir, Pattern name, ZoneId zone) throws IOException {
        if (dir == null || !Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile)
                    .map(file -> backup(file, name, zone))
                    .flatMap(Optional::stream)
                    .sorted(Comparator.comparing(Backup::day).thenComparing(Backup::takenAt).reversed())
                    .toList();
        }
    }

    private static Optional<Backup> backup(Path file, Pattern name, ZoneId zone) {
        Matcher matcher = name.matcher(file.getFileName().toString());
        if (!matcher.matches() || matcher.groupCount() < 1) {
            return Optional.empty();
        }
        try {
            LocalDate day = LocalDate.parse(matcher.group(1), DateTimeFormatter.BASIC_ISO_DATE);
            Instant endOfDay = day.plusDays(1).atStartOfDay(zone).toInstant();
            Instant modified = Files.getLastModifiedTime(file).toInstant();
            return Optional.of(new Backup(file, day, modified.isBefore(endOfDay) ? modified : endOfDay));
        } catch (DateTimeParseException | IOException e) {
            return Optional.empty(); // not a date, or gone meanwhile: not a backup to restore
        }
    }
}
