package dev.recoveryorchestrator.action;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A file's md5 and sha-256 in one read, bounded by a {@link Deadline} checked between blocks (so a file of any size
 * ends within the bound), and small files of ours (checksum manifests) written beside their place and renamed there.
 */
public final class FileDigests {

    private static final int BLOCK = 1024 * 1024;

    private FileDigests() {
    }

    /** Both digests, lower-case hex. */
    public record Digests(String md5, String sha256) {
    }

    /** md5 and sha-256 in one read, bounded by the deadline. */
    public static Digests of(Path file, Deadline deadline) throws IOException {
        MessageDigest md5 = algorithm("MD5");
        MessageDigest sha256 = algorithm("SHA-256");
        byte[] block = new byte[BLOCK];
        try (InputStream in = Files.newInputStream(file)) {
            for (int read = in.read(block); read >= 0; read = in.read(block)) {
                md5.update(block, 0, read);
                sha256.update(block, 0, read);
                deadline.check("체크섬 계산 " + file.getFileName());
            }
        }
        return new Digests(HexFormat.of().formatHex(md5.digest()), HexFormat.of().formatHex(sha256.digest()));
    }

    /** Writes a small file of ours next to its place, then renames it there. */
    public static void writeAtomically(Path file, String text) throws IOException {
        Path temporary = file.resolveSibling("." + file.getFileName() + ".writing");
        Files.writeString(temporary, text, StandardCharsets.UTF_8);
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static MessageDigest algorithm(String name) {
        try {
            return MessageDigest.getInstance(name);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(name + " is part of every JDK", e);
        }
    }
}
