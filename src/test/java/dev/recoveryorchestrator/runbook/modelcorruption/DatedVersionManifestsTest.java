package dev.recoveryorchestrator.runbook.modelcorruption;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recoveryorchestrator.action.Deadline;
import dev.recoveryorchestrator.action.ModelManifests;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The manifests the daily backup asks for: written for each dated version without any, in md5sum's and sha256sum's
 * own format (checked by the tools themselves); refused for a version with an empty model; never for {@code latest/};
 * a version that has manifests keeps them as they are.
 */
class DatedVersionManifestsTest {

    @TempDir
    Path root;

    @Test
    void writesMissingManifestsThatTheToolsAcceptAndNeverForLatest() throws Exception {
        ModelVersions versions = ModelFiles.versions(root);
        ModelFiles.writeModel(root.resolve("v20261120"), "new " + "w=0.25\n".repeat(500));
        ModelFiles.writeModel(root.resolve("v20261101"), "had manifests " + "w=0.5\n".repeat(500));
        versions.writeManifestIfMissing(root.resolve("v20261101"), Deadline.after(Duration.ofMinutes(1)));
        String kept = Files.readString(root.resolve("v20261101/checksums.md5"));
        Files.createDirectories(root.resolve("v20261010"));
        Files.write(root.resolve("v20261010/model.pkl"), new byte[0]);
        ModelFiles.writeModel(root.resolve("latest"), "new " + "w=0.25\n".repeat(500));

        List<ModelManifests.Written> written = new DatedVersionManifests(versions)
                .writeMissing(Deadline.after(Duration.ofMinutes(1)));

        assertThat(written).extracting(ModelManifests.Written::version).containsExactly("v20261120", "v20261010");
        assertThat(written.get(0).written()).isTrue();
        assertThat(written.get(1).written()).isFalse();
        assertThat(written.get(1).detail()).contains("크기 0");
        assertThat(root.resolve("latest/checksums.md5")).doesNotExist();
        assertThat(root.resolve("latest/checksums.sha256")).doesNotExist();
        assertThat(root.resolve("v20261010/checksums.md5")).doesNotExist();
        assertThat(Files.readString(root.resolve("v20261101/checksums.md5"))).isEqualTo(kept);
        for (String[] tool : new String[][] {{"md5sum", "checksums.md5"}, {"sha256sum", "checksums.sha256"}}) {
            Process check = new ProcessBuilder(tool[0], "-c", tool[1]).directory(root.resolve("v20261120").toFile())
                    .redirectErrorStream(true).start();
            String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(check.waitFor()).as(output).isZero();
            assertThat(output).contains("model.pkl: OK");
        }
    }

    @Test
    void noModelFolderConfiguredIsNothingToDo() throws Exception {
        ModelVersions versions = new ModelVersions(new dev.recoveryorchestrator.action.TargetSettings("t",
                java.net.URI.create("http://127.0.0.1:1/"), null, "127.0.0.1", List.of(1), root.resolve("log"), null,
                null, null, null, null, null, null), ModelFiles.settings(), java.time.ZoneId.of("Asia/Seoul"));
        DatedVersionManifests manifests = new DatedVersionManifests(versions);
        assertThat(manifests.configured()).isFalse();
        assertThat(manifests.writeMissing(Deadline.after(Duration.ofMinutes(1)))).isEmpty();
    }
}
