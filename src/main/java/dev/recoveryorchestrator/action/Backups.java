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
 * <p>
 * Times are read in the zone the caller gives: {@code recovery.time-zone}, the zone the daily backup names its files in.
 */
public final class Backups {

    /** A backup of the day that did not verify, kept aside by the daily backup: {@code <name>.unverified-<time>}. */
    private static final String SET_ASIDE = "\\.unverified-\\d{8}-\\d{6}(?:-\\d+)?";

    /**
     * One backup file and when its data is from.
     *
     * @param setAside a copy the daily backup moved aside because it had no valid checksum; it may still open
     */
    public record Backup(Path file, LocalDate day, Instant takenAt, boolean setAside) {
    }

    private Backups() {
    }

    /** The backups named {@code name} (its first group the day, {@code yyyyMMdd}), newest first. */
    public static List<Backup> newestFirst(Path dir, Pattern name, ZoneId zone) throws IOException {
        return list(dir, name, false, zone);
    }

    /**
     * The backups named {@code name} and the unverified copies the daily backup set aside beside them, newest first:
     * what a restore may choose from. A copy without a checksum is no worse for a restore than none at all; whether it
     * opens is for the caller to check.
     */
    public static List<Backup> withSetAside(Path dir, Pattern name, ZoneId zone) throws IOException {
        return list(dir, name, true, zone);
    }

    /** Whether {@code file} is a backup's name or, with {@code setAside}, the name of a copy set aside. */
    public static boolean named(String file, Pattern name, boolean setAside) {
        return pattern(name, setAside).matcher(file).matches();
    }

    private static List<Backup> list(Path dir, Pattern name, boolean setAside, ZoneId zone) throws IOException {
        if (dir == null || !Files.isDirectory(dir)) {
            return List.of();
        }
        Pattern names = pattern(name, setAside);
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile)
                    .map(file -> backup(file, names, zone))
                    .flatMap(Optional::stream)
                    .sorted(Comparator.comparing(Backup::day).thenComparing(Backup::takenAt).reversed())
                    .toList();
        }
    }

    private static Pattern pattern(Pattern name, boolean setAside) {
        return setAside ? Pattern.compile("(?:" + name.pattern() + ")(" + SET_ASIDE + ")?") : name;
    }

    private static Optional<Backup> backup(Path file, Pattern name, ZoneId zone) {
        Matcher matcher = name.matcher(file.getFileName().toString());
        if (!matcher.matches() || matcher.groupCount() < 1) {
            return Optional.empty();
        }
        boolean setAside = file.getFileName().toString().matches(".*" + SET_ASIDE);
        try {
            LocalDate day = LocalDate.parse(matcher.group(1), DateTimeFormatter.BASIC_ISO_DATE);
            Instant endOfDay = day.plusDays(1).atStartOfDay(zone).toInstant();
            Instant modified = Files.getLastModifiedTime(file).toInstant();
            return Optional.of(new Backup(file, day, modified.isBefore(endOfDay) ? modified : endOfDay, setAside));
        } catch (DateTimeParseException | IOException e) {
            return Optional.empty(); // not a date, or gone meanwhile: not a backup to restore
        }
    }
}
