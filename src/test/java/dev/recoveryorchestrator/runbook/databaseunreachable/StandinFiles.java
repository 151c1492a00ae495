package dev.recoveryorchestrator.runbook.databaseunreachable;

import dev.recoveryorchestrator.standin.DemoDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** The stand-in's demo data as Type 2's tests look at it: its database, backups newest first, files moved aside. */
record StandinFiles(Path dir) {

    Path database() {
        return dir.resolve(DemoDatabase.FILE);
    }

    Path config() {
        return dir.resolve(DemoDatabase.CONFIG);
    }

    List<Path> backups() throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve(DemoDatabase.BACKUPS))) {
            return files.sorted(Comparator.comparing(Path::toString).reversed()).toList();
        }
    }

    List<Path> asideFiles() throws IOException {
        try (Stream<Path> files = Files.list(database().getParent())) {
            return files.filter(file -> file.getFileName().toString().contains(".damaged-")).toList();
        }
    }
}
