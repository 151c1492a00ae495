package dev.recoveryorchestrator.runbook.modelcorruption;

import dev.recoveryorchestrator.action.TargetSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** Real model folders for the Type 5 tests: versions written, damaged by truncation and by one flipped byte. */
final class ModelFiles {

    private ModelFiles() {
    }

    /** The settings with their defaults and the given overrides, bound as the application binds them. */
    static ModelCorruptionSettings settings(String... overrides) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i + 1 < overrides.length; i += 2) {
            values.put("recovery.runbook.model-corruption." + overrides[i], overrides[i + 1]);
        }
        return new Binder(new MapConfigurationPropertySource(values))
                .bindOrCreate("recovery.runbook.model-corruption", ModelCorruptionSettings.class);
    }

    static ModelVersions versions(Path root, String... overrides) {
        TargetSettings target = new TargetSettings("routing-ml", java.net.URI.create("http://127.0.0.1:1/api/health"), null,
                "127.0.0.1", java.util.List.of(1), root.resolve("backend.log"), null, null, root, null, null, null, null);
        return new ModelVersions(target, settings(overrides), java.time.ZoneId.of("Asia/Seoul"));
    }

    /** A pickle of protocol 2 holding one string, as the stand-in's models. */
    static void writeModel(Path version, String text) {
        try {
            Files.createDirectories(version);
            byte[] payload = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            java.nio.ByteBuffer pickle = java.nio.ByteBuffer.allocate(8 + payload.length)
                    .order(java.nio.ByteOrder.LITTLE_ENDIAN);
            pickle.put((byte) 0x80).put((byte) 2).put((byte) 'X').putInt(payload.length).put(payload).put((byte) '.');
            Files.write(version.resolve("model.pkl"), pickle.array());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void truncate(Path file) throws IOException {
        try (var channel = Files.newByteChannel(file, StandardOpenOption.WRITE)) {
            channel.truncate(channel.size() / 2);
        }
    }

    /** Flips one byte in the middle: the pickle's framing stays, only the checksums can tell. */
    static void flipMiddleByte(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(file, bytes);
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
