package dev.recoveryorchestrator.action;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One checksum manifest of a version, in md5sum's (sha256sum's) format: a line {@code <hex>  <file>} per file of the
 * version. A manifest is data: a line that is not of that form, a name with a separator, {@code ..} or a control
 * character, or a file too large for a manifest makes the whole manifest unreadable, and a version with an
 * unreadable manifest is never used.
 */
public record ChecksumManifest(Map<String, String> digests) {

    /** Manifests are a line per file: anything larger is not one of ours. */
    public static final int MAX_BYTES = 64 * 1024;
    private static final Pattern NAME = Pattern.compile("(?!\\.{1,2}$)[^/\\\\\\p{Cntrl}]{1,255}");

    /** Reads a manifest of {@code hexLength}-digit digests; empty when the file is missing. */
    public static Optional<ChecksumManifest> read(Path file, int hexLength) throws Unreadable {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (IOException e) {
            throw new Unreadable(file.getFileName() + " 읽기 실패: " + e.getClass().getSimpleName());
        }
        if (bytes.length > MAX_BYTES) {
            throw new Unreadable(file.getFileName() + " 형식 오류 (" + MAX_BYTES + " bytes 초과)");
        }
        Pattern line = Pattern.compile("([0-9a-fA-F]{" + hexLength + "}) [ *](.+)");
        Map<String, String> digests = new LinkedHashMap<>();
        int number = 0;
        for (String text : new String(bytes, StandardCharsets.UTF_8).split("\n", -1)) {
            number++;
            if (text.isEmpty()) {
                continue;
            }
            Matcher matcher = line.matcher(text);
            if (!matcher.matches() || !NAME.matcher(matcher.group(2)).matches()
                    || digests.put(matcher.group(2), matcher.group(1).toLowerCase()) != null) {
                throw new Unreadable(file.getFileName() + " 형식 오류 (" + number + "번째 줄)");
            }
        }
        if (digests.isEmpty()) {
            throw new Unreadable(file.getFileName() + " 비어 있음");
        }
        return Optional.of(new ChecksumManifest(digests));
    }

    /** The manifest's text: files in the given order, two spaces between digest and name, as md5sum writes. */
    public String text() {
        StringBuilder text = new StringBuilder();
        digests.forEach((name, digest) -> text.append(digest).append("  ").append(name).append('\n'));
        return text.toString();
    }

    /** A manifest that cannot be read or is not in the format: its version is not used. */
    public static final class Unreadable extends Exception {
        Unreadable(String message) {
            super(message);
        }
    }
}
