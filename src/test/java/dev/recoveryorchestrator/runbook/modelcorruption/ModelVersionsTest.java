package dev.recoveryorchestrator.runbook.modelcorruption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.recoveryorchestrator.DateSensitive;
import dev.recoveryorchestrator.HostileValues;
import dev.recoveryorchestrator.action.Deadline;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Model versions, manifests, verification and installing, on real files in a temporary folder: models damaged by
 * truncation, by a zero size and by one flipped byte; manifests checked by md5sum itself; hostile version names and
 * manifest lines.
 */
@DateSensitive
class ModelVersionsTest {

    static final Deadline AMPLE = Deadline.after(Duration.ofMinutes(1));
    @TempDir
    Path root;
    ModelVersions versions;
    ModelInstaller installer;
    String recent;
    String old;

    @BeforeEach
    void twoVersionsAndLatest() throws IOException {
        versions = ModelFiles.versions(root);
        installer = new ModelInstaller(versions);
        DateTimeFormatter name = DateTimeFormatter.ofPattern("'v'yyyyMMdd");
        recent = name.format(LocalDate.now().minusDays(3));
        old = name.format(LocalDate.now().minusDays(60));
        ModelFiles.writeModel(root.resolve(recent), "recent " + "w=0.25\n".repeat(2000));
        Files.writeString(root.resolve(recent).resolve("features.json"), "{\"features\":[\"item\",\"process\"]}");
        ModelFiles.writeModel(root.resolve(old), "old " + "w=0.5\n".repeat(2000));
        assertThat(versions.writeManifestIfMissing(root.resolve(recent), AMPLE)).isPresent();
        assertThat(versions.writeManifestIfMissing(root.resolve(old), AMPLE)).isPresent();
        ModelFiles.writeModel(root.resolve("latest"), "recent " + "w=0.25\n".repeat(2000));
    }

    @Test
    void manifestsAreMd5sumsAndSha256sumsOwnFormat() throws Exception {
        for (String[] tool : new String[][] {{"md5sum", "checksums.md5"}, {"sha256sum", "checksums.sha256"}}) {
            Process check = new ProcessBuilder(tool[0], "-c", tool[1]).directory(root.resolve(recent).toFile())
                    .redirectErrorStream(true).start();
            String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(check.waitFor()).as(output).isZero();
            assertThat(output).contains("model.pkl: OK", "features.json: OK");
        }
    }

    @Test
    void aGoodVersionVerifies() {
        assertThat(versions.verify(root.resolve(recent), AMPLE).verified()).isTrue();
    }

    @Test
    void aTruncatedModelFailsItsChecksumsAndItsFraming() throws IOException {
        ModelFiles.truncate(root.resolve(recent).resolve("model.pkl"));
        ModelVersions.Check check = versions.verify(root.resolve(recent), AMPLE);
        assertThat(check.verified()).isFalse();
        assertThat(check.summary()).contains("잘린 파일", "md5 불일치", "sha-256 불일치");
    }

    @Test
    void oneFlippedByteIsCaughtByTheChecksumsAlone() throws IOException {
        Path model = root.resolve(recent).resolve("model.pkl");
        ModelFiles.flipMiddleByte(model);
        assertThat(PickleFraming.problem(model)).as("still framed as a pickle").isEmpty();
        ModelVersions.Check check = versions.verify(root.resolve(recent), AMPLE);
        assertThat(check.verified()).isFalse();
        assertThat(check.problems()).anyMatch(p -> p.startsWith("model.pkl: md5 불일치"))
                .anyMatch(p -> p.equals("model.pkl: sha-256 불일치"));
    }

    @Test
    void aZeroSizeModelAndAMissingManifestDoNotVerify() throws IOException {
        Files.write(root.resolve(recent).resolve("model.pkl"), new byte[0]);
        assertThat(versions.verify(root.resolve(recent), AMPLE).summary()).contains("크기 0");
        Files.delete(root.resolve(old).resolve("checksums.sha256"));
        assertThat(versions.verify(root.resolve(old), AMPLE).summary()).contains("체크섬 목록 불일치");
        assertThat(versions.verify(root.resolve("latest"), AMPLE)).satisfies(latest -> {
            assertThat(latest.verified()).isFalse();
            assertThat(latest.manifest()).isFalse();
            assertThat(latest.problems()).as("no manifest, but nothing wrong that can be seen").isEmpty();
        });
    }

    @Test
    void noManifestIsEverWrittenForLatestOrForADamagedVersion() throws IOException {
        assertThatThrownBy(() -> versions.writeManifestIfMissing(root.resolve("latest"), AMPLE))
                .isInstanceOf(IllegalArgumentException.class);
        ModelFiles.writeModel(root.resolve("v20250101"), "x".repeat(100));
        ModelFiles.truncate(root.resolve("v20250101").resolve("model.pkl"));
        assertThat(versions.writeManifestIfMissing(root.resolve("v20250101"), AMPLE)).get().asString()
                .contains("체크섬 목록을 만들지 않음");
        assertThat(root.resolve("v20250101").resolve("checksums.md5")).doesNotExist();
    }

    @Test
    void hostileManifestLinesMakeTheManifestUnreadableAndTheVersionUnused() throws IOException {
        Path version = root.resolve(recent);
        String md5 = Files.readString(version.resolve("checksums.md5")).substring(0, 32);
        List<String> lines = List.of(md5 + "  ../../etc/passwd", md5 + "  ${x}\u0000", md5 + "  model.pkl\r\n" + md5
                + "  $(id)", "; id", md5 + "  " + "a".repeat(100 * 1024));
        for (String line : lines) {
            Files.writeString(version.resolve("checksums.md5"), line + "\n");
            assertThat(versions.verify(version, AMPLE)).satisfies(check -> {
                assertThat(check.verified()).isFalse();
                assertThat(check.summary()).containsAnyOf("형식 오류", "체크섬 목록 불일치");
            });
        }
        Files.writeString(version.resolve("checksums.md5"), HostileValues.LINES);
        assertThat(versions.verify(version, AMPLE).verified()).isFalse();
        assertThat(new ModelVersionChoice(versions).choose(AMPLE).recent()).as("never chosen").isEmpty();
    }

    @Test
    void installCopiesThenRenamesAndKeepsTheDamagedFileBesideIt() throws Exception {
        Path latestModel = root.resolve("latest").resolve("model.pkl");
        ModelFiles.truncate(latestModel);
        byte[] damaged = Files.readAllBytes(latestModel);

        ModelInstaller.Installed installed = installer.install(recent, AMPLE);

        assertThat(versions.verify(root.resolve("latest"), AMPLE).verified()).isTrue();
        assertThat(Files.readAllBytes(latestModel)).isEqualTo(Files.readAllBytes(root.resolve(recent).resolve("model.pkl")));
        assertThat(installed.asides()).anyMatch(name -> name.matches("model\\.pkl\\.damaged-\\d{8}-\\d{6}"));
        Path aside = root.resolve("latest").resolve(installed.asides().get(0));
        assertThat(Files.readAllBytes(aside)).as("the damaged file, kept").isEqualTo(damaged);
        try (Stream<Path> files = Files.list(root.resolve("latest"))) {
            assertThat(files.map(path -> path.getFileName().toString())).noneMatch(name -> name.startsWith("."));
        }
        assertThat(root.resolve("latest").resolve("features.json")).exists();
    }

    @Test
    void aVersionWhoseManifestDisagreesIsNeverInstalledAndLatestIsUntouched() throws IOException {
        ModelFiles.flipMiddleByte(root.resolve(recent).resolve("model.pkl"));
        byte[] before = Files.readAllBytes(root.resolve("latest").resolve("model.pkl"));
        assertThatThrownBy(() -> installer.install(recent, AMPLE)).isInstanceOf(ModelInstaller.NotInstalled.class)
                .hasMessageContaining("검증 실패");
        assertThat(Files.readAllBytes(root.resolve("latest").resolve("model.pkl"))).isEqualTo(before);
        try (Stream<Path> files = Files.list(root.resolve("latest"))) {
            assertThat(files).hasSize(1);
        }
    }

    @Test
    void hostileVersionNamesInstallNothing() throws IOException {
        byte[] before = Files.readAllBytes(root.resolve("latest").resolve("model.pkl"));
        for (String name : List.of("../..", "..", "${x}", "#{x}", "$(id)", "; id", "a/../" + recent, "x\r\ny", "x\u0000",
                "a".repeat(100 * 1024), "", "latest", HostileValues.TEXT)) {
            assertThatThrownBy(() -> installer.install(name, AMPLE)).as(name)
                    .isInstanceOfAny(ModelInstaller.NotInstalled.class, IllegalArgumentException.class);
        }
        assertThat(Files.readAllBytes(root.resolve("latest").resolve("model.pkl"))).isEqualTo(before);
    }

    @Test
    void aCopyThatDoesNotEndInTimeLeavesLatestAsItWas() throws IOException {
        byte[] before = Files.readAllBytes(root.resolve("latest").resolve("model.pkl"));
        ModelVersions.Check ok = versions.verify(root.resolve(recent), AMPLE);
        assertThat(ok.verified()).isTrue();
        assertThatThrownBy(() -> installer.install(recent, Deadline.after(Duration.ZERO)))
                .isInstanceOf(ModelInstaller.NotInstalled.class).hasMessageContaining("not done within");
        assertThat(Files.readAllBytes(root.resolve("latest").resolve("model.pkl"))).isEqualTo(before);
        try (Stream<Path> files = Files.list(root.resolve("latest"))) {
            assertThat(files.map(path -> path.getFileName().toString())).containsExactly("model.pkl");
        }
    }

    @Test
    void theChoiceIsTheNewestVerifiedVersionWithinTheMaximumAge() throws IOException {
        assertThat(new ModelVersionChoice(versions).choose(AMPLE).recent()).contains(recent);

        ModelFiles.flipMiddleByte(root.resolve(recent).resolve("model.pkl"));
        ModelVersionChoice.Chosen chosen = new ModelVersionChoice(versions).choose(AMPLE);
        assertThat(chosen.recent()).as("the only one left is older than 30 days").isEmpty();
        assertThat(chosen.older()).contains(old);
        assertThat(chosen.newestVerified()).as("what the last resort installs").contains(old);

        ModelVersions patient = ModelFiles.versions(root, "max-version-age", "90d");
        assertThat(new ModelVersionChoice(patient).choose(AMPLE).recent()).contains(old);
    }

    @Test
    void theLastResortInstallsThePreviousVersionWhateverItsAge() throws IOException {
        ModelFiles.flipMiddleByte(root.resolve(recent).resolve("model.pkl"));
        ModelFiles.truncate(root.resolve("latest").resolve("model.pkl"));
        InstallPreviousModelAction action = new InstallPreviousModelAction(new ModelVersionChoice(versions), installer,
                versions.settings());

        assertThat(action.tracked()).isTrue();
        assertThat(action.run()).satisfies(result -> {
            assertThat(result.succeeded()).as(result.output()).isTrue();
            assertThat(result.output()).contains(old, "damaged");
        });
        assertThat(Files.readAllBytes(root.resolve("latest").resolve("model.pkl")))
                .isEqualTo(Files.readAllBytes(root.resolve(old).resolve("model.pkl")));
    }

    @Test
    void theStandInsLoadCheckAgreesWithTheFraming() throws IOException {
        Path model = root.resolve(recent).resolve("model.pkl");
        assertThat(PickleFraming.problem(model)).isEmpty();
        ModelFiles.truncate(model);
        assertThat(PickleFraming.problem(model)).get().asString().contains("잘린 파일");
        Files.write(model, new byte[0]);
        assertThat(PickleFraming.problem(model)).contains("크기 0");
        assertThat(Optional.of(1)).isPresent();
    }
}
