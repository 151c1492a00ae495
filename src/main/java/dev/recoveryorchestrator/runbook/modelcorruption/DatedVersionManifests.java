package dev.recoveryorchestrator.runbook.modelcorruption;

import dev.recoveryorchestrator.action.Deadline;
import dev.recoveryorchestrator.action.ModelManifests;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** {@link ModelManifests} by {@link ModelVersions#writeManifestIfMissing}: dated versions only, never {@code latest/}. */
@Component
class DatedVersionManifests implements ModelManifests {

    private final ModelVersions versions;

    DatedVersionManifests(ModelVersions versions) {
        this.versions = versions;
    }

    @Override
    public boolean configured() {
        return versions.root().isPresent();
    }

    @Override
    public List<Written> writeMissing(Deadline deadline) throws IOException {
        Optional<Path> root = versions.root();
        if (root.isEmpty()) {
            return List.of();
        }
        if (!Files.isDirectory(root.get())) {
            throw new IOException("모델 폴더 없음: " + root.get());
        }
        List<Written> written = new ArrayList<>();
        for (ModelVersions.Version version : versions.dated()) {
            Path folder = versions.folder(version.name());
            Optional<String> detail = versions.writeManifestIfMissing(folder, deadline);
            if (detail.isPresent()) {
                boolean both = Files.isRegularFile(folder.resolve(versions.settings().md5Manifest()))
                        && Files.isRegularFile(folder.resolve(versions.settings().sha256Manifest()));
                written.add(new Written(version.name(), both, detail.get()));
            }
        }
        return written;
    }
}
