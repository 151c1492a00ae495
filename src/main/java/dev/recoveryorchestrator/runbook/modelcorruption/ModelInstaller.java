package dev.recoveryorchestrator.runbook.modelcorruption;

import dev.recoveryorchestrator.action.Deadline;
import dev.recoveryorchestrator.action.FileDigests;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Installs a version into {@code latest/} (runbook 단계 1, {@code cp -r v20250901/ latest/}) without ever deleting
 * what was there: the version is verified first (a version whose manifests disagree with its files is never used),
 * each file is copied to a hidden temporary file in {@code latest/}, checked against the manifest, and renamed over
 * its place; the file it replaces is kept beside it as {@code <name>.damaged-<yyyyMMdd-HHmmss>} (or
 * {@code .replaced-} when {@code latest/} verified). The model file goes first, its manifests last, and
 * {@code latest/} is verified at the end.
 */
@Component
class ModelInstaller {

    private static final int BLOCK = 1024 * 1024;
    private final ModelVersions versions;

    ModelInstaller(ModelVersions versions) {
        this.versions = versions;
    }

    /**
     * @param version the version's folder name
     * @throws NotInstalled when the version does not verify, or a copy fails or does not end in time; what was
     *     already in place stays, the damaged file beside it
     */
    Installed install(String version, Deadline deadline) throws NotInstalled {
        if (version.equals(versions.settings().latest())) {
            throw new NotInstalled(version + "은(는) 설치할 버전이 아님");
        }
        Path source = versions.folder(version);
        Path latest = versions.latest();
        ModelVersions.Check check = versions.verify(source, deadline);
        if (!check.verified()) {
            throw new NotInstalled("검증 실패, 사용하지 않음 - " + check.summary());
        }
        String label = versions.verify(latest, deadline).verified() ? ModelVersions.REPLACED : ModelVersions.DAMAGED;
        String suffix = versions.asideSuffix(label);
        List<String> files = new ArrayList<>();
        files.add(versions.settings().modelFile());
        try (var entries = Files.list(source)) {
            entries.map(path -> path.getFileName().toString()).filter(versions::listable)
                    .filter(name -> !name.equals(versions.settings().modelFile()) && Files.isRegularFile(source.resolve(name)))
                    .sorted().forEach(files::add);
        } catch (IOException e) {
            throw new NotInstalled(version + " 목록 읽기 실패: " + e.getClass().getSimpleName());
        }
        files.add(versions.settings().md5Manifest());
        files.add(versions.settings().sha256Manifest());
        List<String> asides = new ArrayList<>();
        try {
            Files.createDirectories(latest);
            for (String name : files) {
                install(source.resolve(name), latest.resolve(name), suffix, deadline).ifPresent(asides::add);
            }
        } catch (IOException | Deadline.Exceeded e) {
            throw new NotInstalled(version + " 복사 실패: " + e.getMessage() + (asides.isEmpty() ? ""
                    : " (보관: " + String.join(", ", asides) + ")"));
        }
        ModelVersions.Check installed = versions.verify(latest, deadline);
        if (!installed.verified()) {
            throw new NotInstalled(version + " 복사 후 검증 실패 - " + installed.summary());
        }
        return new Installed(version, asides);
    }

    /** Copies one file into place by a temporary file and a rename; the file replaced is kept. Returns its new name. */
    private java.util.Optional<String> install(Path from, Path to, String suffix, Deadline deadline) throws IOException {
        Path temporary = to.resolveSibling("." + to.getFileName() + ".installing" + suffix);
        try {
            copy(from, temporary, deadline);
            FileDigests.Digests copied = FileDigests.of(temporary, deadline);
            if (!copied.equals(FileDigests.of(from, deadline))) {
                throw new IOException(from.getFileName() + " 복사본이 원본과 다름");
            }
            java.util.Optional<String> aside = keepAside(to, suffix);
            Files.move(temporary, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return aside;
        } finally {
            // our own partial copy, never the user's data
            Files.deleteIfExists(temporary);
        }
    }

    /**
     * Keeps the file about to be replaced under a new name beside it. A hard link keeps {@code to} in place until
     * the rename replaces it (the service never sees it missing); where links are not supported it is renamed.
     */
    private static java.util.Optional<String> keepAside(Path to, String suffix) throws IOException {
        if (!Files.exists(to, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return java.util.Optional.empty();
        }
        Path aside = to.resolveSibling(to.getFileName() + suffix);
        for (int n = 2; Files.exists(aside, java.nio.file.LinkOption.NOFOLLOW_LINKS); n++) {
            aside = to.resolveSibling(to.getFileName() + suffix + "-" + n);
        }
        try {
            Files.createLink(aside, to);
        } catch (UnsupportedOperationException | IOException noLinks) {
            Files.move(to, aside, StandardCopyOption.ATOMIC_MOVE);
        }
        return java.util.Optional.of(aside.getFileName().toString());
    }

    private static void copy(Path from, Path to, Deadline deadline) throws IOException {
        byte[] block = new byte[BLOCK];
        try (InputStream in = Files.newInputStream(from);
                FileChannel out = FileChannel.open(to, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            for (int read = in.read(block); read >= 0; read = in.read(block)) {
                ByteBuffer buffer = ByteBuffer.wrap(block, 0, read);
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
                deadline.check("복사 " + from.getFileName());
            }
            out.force(true);
        }
    }

    /** @param asides the files of {@code latest/} kept under a new name */
    record Installed(String version, List<String> asides) {
    }

    /** The version was not installed; the message says why (Korean, for findings). */
    static final class NotInstalled extends Exception {
        NotInstalled(String message) {
            super(message);
        }
    }
}
