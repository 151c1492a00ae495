package dev.recoveryorchestrator.action;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.TimeoutException;

/**
 * File changes that never lose what was there: a new version is written to a temporary file in the same folder and
 * moved over the old one atomically (a reader sees the old or the new file, never half of one), keeping the old
 * file's permissions and owner where the process may set them; a file that must go is moved aside with a time
 * suffix, never deleted.
 */
public final class AtomicFiles {

    private static final DateTimeFormatter SUFFIX = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private static final int CHUNK = 1 << 20;

    private AtomicFiles() {
    }

    /** Replaces {@code file}'s content with {@code bytes}: temporary file, then an atomic move. */
    public static void replace(Path file, byte[] bytes) throws IOException {
        Path temp = temporary(file, "edit");
        try {
            Files.write(temp, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.SYNC);
            keepAttributes(file, temp);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp); // our own temporary file, only when the move did not happen
        }
    }

    /**
     * Copies {@code source} to a temporary file beside {@code target}, giving up (and removing that temporary
     * file) once {@code limit} has passed. Returns the temporary file; the caller moves it into place.
     */
    public static Path copyBeside(Path source, Path target, Duration limit) throws IOException, TimeoutException {
        return copyBeside(source, target, limit, "restore");
    }

    /** As {@link #copyBeside(Path, Path, Duration)}, the temporary file's name saying what it is for. */
    public static Path copyBeside(Path source, Path target, Duration limit, String purpose) throws IOException,
            TimeoutException {
        Path temp = temporary(target, purpose);
        long deadline = System.nanoTime() + limit.toNanos();
        boolean done = false;
        try (InputStream in = Files.newInputStream(source);
             OutputStream out = Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW)) {
            byte[] buffer = new byte[CHUNK];
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                out.write(buffer, 0, read);
                if (System.nanoTime() > deadline) {
                    throw new TimeoutException("copy of " + source + " not done within " + limit);
                }
            }
            done = true;
        } finally {
            if (!done) {
                Files.deleteIfExists(temp);
            }
        }
        try (var channel = java.nio.channels.FileChannel.open(temp, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        return temp;
    }

    /**
     * Moves {@code file} aside in its folder as {@code <name>.<suffix>-yyyyMMdd-HHmmss}, the time read in {@code zone}
     * (the application's {@code recovery.time-zone}, so every suffix of one installation reads alike whatever the
     * JVM's zone); returns where it went.
     */
    public static Path moveAside(Path file, String suffix, Instant now, ZoneId zone) throws IOException {
        String time = SUFFIX.format(now.atZone(zone));
        Path aside = file.resolveSibling(file.getFileName() + "." + suffix + "-" + time);
        for (int n = 2; Files.exists(aside, LinkOption.NOFOLLOW_LINKS); n++) {
            aside = file.resolveSibling(file.getFileName() + "." + suffix + "-" + time + "-" + n);
        }
        return move(file, aside);
    }

    /** Moves {@code temp} over {@code target} atomically, with the permissions the file it replaces had. */
    public static void moveInto(Path temp, Path target, Path previous) throws IOException {
        if (previous != null) {
            keepAttributes(previous, temp);
        }
        move(temp, target);
    }

    private static Path move(Path from, Path to) throws IOException {
        try {
            return Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("cannot move " + from + " to " + to + " atomically (same folder expected)", e);
        }
    }

    private static Path temporary(Path file, String purpose) {
        return file.resolveSibling("." + file.getFileName() + "." + purpose + "-" + ProcessHandle.current().pid() + "-"
                + System.nanoTime() + ".tmp");
    }

    private static void keepAttributes(Path from, Path to) {
        if (!Files.exists(from)) {
            return;
        }
        try {
            PosixFileAttributes old = Files.readAttributes(from, PosixFileAttributes.class);
            PosixFileAttributeView view = Files.getFileAttributeView(to, PosixFileAttributeView.class);
            view.setPermissions(old.permissions());
            try {
                view.setOwner(old.owner());
                view.setGroup(old.group());
            } catch (IOException e) {
                // only root may give a file away; the permissions are kept
            }
        } catch (IOException | UnsupportedOperationException e) {
            // not a POSIX file system: nothing more to keep
        }
    }
}
