package dev.recoveryorchestrator.preflight;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a command's program is found, as the commands are started: {@link ProcessBuilder} looks a bare name up on
 * the JVM's own {@code PATH} (not the command's), and a name with a slash is a path, relative to the command's
 * working folder.
 */
final class Programs {

    private Programs() {
    }

    /** The program's file if it exists and this user may run it; empty otherwise. */
    static Optional<Path> resolve(String program, Path workdir, String path) {
        try {
            if (program.contains("/")) {
                Path file = Path.of(program);
                if (!file.isAbsolute()) {
                    file = (workdir == null ? Path.of("") : workdir).resolve(file);
                }
                return runnable(file) ? Optional.of(file) : Optional.empty();
            }
            if (path == null || program.isEmpty()) {
                return Optional.empty();
            }
            for (String dir : path.split(File.pathSeparator)) {
                Path file = Path.of(dir.isEmpty() ? "." : dir).resolve(program);
                if (runnable(file)) {
                    return Optional.of(file);
                }
            }
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** Whether a file is there but this user may not run it (a clearer answer than "not found"). */
    static boolean presentButNotRunnable(String program, Path workdir, String path) {
        try {
            if (program.contains("/")) {
                Path file = Path.of(program).isAbsolute() || workdir == null ? Path.of(program) : workdir.resolve(program);
                return Files.isRegularFile(file) && !Files.isExecutable(file);
            }
            if (path == null) {
                return false;
            }
            for (String dir : path.split(File.pathSeparator)) {
                Path file = Path.of(dir.isEmpty() ? "." : dir).resolve(program);
                if (Files.isRegularFile(file) && !Files.isExecutable(file)) {
                    return true;
                }
            }
        } catch (InvalidPathException e) {
            return false;
        }
        return false;
    }

    private static boolean runnable(Path file) {
        return Files.isRegularFile(file) && Files.isExecutable(file);
    }
}
