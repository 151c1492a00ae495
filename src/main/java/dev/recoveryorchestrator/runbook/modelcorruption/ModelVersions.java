package dev.recoveryorchestrator.runbook.modelcorruption;

import dev.recoveryorchestrator.action.ChecksumManifest;
import dev.recoveryorchestrator.action.Deadline;
import dev.recoveryorchestrator.action.FileDigests;
import dev.recoveryorchestrator.action.TargetSettings;
import dev.recoveryorchestrator.config.TimeZoneSettings;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The model folder ({@code recovery.target.model-dir}): {@code latest/}, which the service loads, and dated versions
 * ({@code vYYYYMMDD/}), each with its checksum manifests. Lists versions, verifies a version's files against its
 * manifests, and writes manifests for versions that have none.
 * <p>
 * When a manifest is written (the trust decision): only for a dated version or the retrain's output, never for
 * {@code latest/} (a manifest written for a damaged file would bless the damage, and {@code latest/} gets its
 * manifests by copy from the version installed into it), and only when the version's model file is framed as a
 * pickle and no file is empty. A byte flipped in a version before it ever had a manifest cannot be told apart from
 * the original: that is the one case a manifest does not protect, and why the retrain's output is verified by the
 * load check too (docs/runbooks/model-corruption.md).
 */
@Component
class ModelVersions {

    static final String DAMAGED = "damaged";
    static final String REPLACED = "replaced";
    private static final DateTimeFormatter DATE = DateTimeFormatter.BASIC_ISO_DATE;
    private static final DateTimeFormatter ASIDE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private final TargetSettings target;
    private final ModelCorruptionSettings settings;
    private final ZoneId zone;

    @Autowired
    ModelVersions(TargetSettings target, ModelCorruptionSettings settings, TimeZoneSettings zone) {
        this(target, settings, zone.timeZone());
    }

    ModelVersions(TargetSettings target, ModelCorruptionSettings settings, ZoneId zone) {
        this.target = target;
        this.settings = settings;
        this.zone = zone;
    }

    ModelCorruptionSettings settings() {
        return settings;
    }

    /** The model folder; empty when {@code recovery.target.model-dir} is not configured. */
    Optional<Path> root() {
        return Optional.ofNullable(target.modelDir());
    }

    Path latest() {
        return folder(settings.latest());
    }

    /** The folder of a version by its name, which must be one name segment inside the model folder. */
    Path folder(String name) {
        if (name == null || !name.matches(ModelCorruptionSettings.SIMPLE_NAME)) {
            throw new IllegalArgumentException("not a version name: " + name);
        }
        Path root = root().orElseThrow(() -> new IllegalStateException("recovery.target.model-dir is not configured"));
        return root.resolve(name);
    }

    Path modelFile(Path version) {
        return version.resolve(settings.modelFile());
    }

    /** Dated versions, newest first (by the date in the name, then the name). */
    List<Version> dated() throws IOException {
        Optional<Path> root = root();
        if (root.isEmpty() || !Files.isDirectory(root.get())) {
            return List.of();
        }
        List<Version> versions = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root.get())) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                Matcher matcher = settings.versionPattern().matcher(name);
                if (!Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS) || !matcher.matches()) {
                    continue;
                }
                try {
                    versions.add(new Version(name, LocalDate.parse(matcher.group(1), DATE)));
                } catch (DateTimeParseException | IndexOutOfBoundsException notADate) {
                    // a folder that looks like a version but has no real date is not one
                }
            }
        }
        versions.sort(Comparator.comparing(Version::date).thenComparing(Version::name).reversed());
        return versions;
    }

    /** Today in the engine's clock and {@code recovery.time-zone}, against which a version's age is measured. */
    LocalDate today() {
        return ClockUtil.getCurrentTime().toInstant().atZone(zone).toLocalDate();
    }

    /** Whether a dated version is within {@code max-version-age}. */
    boolean recentEnough(Version version) {
        return !version.date().atStartOfDay().plus(settings.maxVersionAge()).toLocalDate().isBefore(today());
    }

    /**
     * Checks a version's files against its manifests: both manifests readable and listing the same files, the
     * model file among them, every listed file present, not empty, with both digests as listed, and the model
     * file framed as a pickle. A check that does not end within the deadline is a problem, not a pass.
     */
    Check verify(Path version, Deadline deadline) {
        String name = version.getFileName().toString();
        List<String> problems = new ArrayList<>();
        Path model = modelFile(version);
        if (!Files.isRegularFile(model)) {
            problems.add(settings.modelFile() + " 없음");
        } else {
            PickleFraming.problem(model).ifPresent(problem -> problems.add(settings.modelFile() + ": " + problem));
        }
        Optional<ChecksumManifest> md5;
        Optional<ChecksumManifest> sha256;
        try {
            md5 = ChecksumManifest.read(version.resolve(settings.md5Manifest()), 32);
            sha256 = ChecksumManifest.read(version.resolve(settings.sha256Manifest()), 64);
        } catch (ChecksumManifest.Unreadable e) {
            problems.add(e.getMessage());
            return new Check(name, true, problems);
        }
        if (md5.isEmpty() && sha256.isEmpty()) {
            return new Check(name, false, problems);
        }
        if (md5.isEmpty() || sha256.isEmpty() || !md5.get().digests().keySet().equals(sha256.get().digests().keySet())) {
            problems.add("체크섬 목록 불일치 (" + settings.md5Manifest() + ", " + settings.sha256Manifest() + ")");
            return new Check(name, true, problems);
        }
        if (!md5.get().digests().containsKey(settings.modelFile())) {
            problems.add(settings.md5Manifest() + "에 " + settings.modelFile() + " 없음");
        }
        for (Map.Entry<String, String> listed : md5.get().digests().entrySet()) {
            Path file = version.resolve(listed.getKey());
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                problems.add(listed.getKey() + " 없음");
                continue;
            }
            try {
                if (Files.size(file) == 0) {
                    problems.add(listed.getKey() + ": 크기 0");
                    continue;
                }
                FileDigests.Digests digests = FileDigests.of(file, deadline);
                if (!digests.md5().equals(listed.getValue())) {
                    problems.add(listed.getKey() + ": md5 불일치 (" + digests.md5() + ", 목록 " + listed.getValue() + ")");
                }
                if (!digests.sha256().equals(sha256.get().digests().get(listed.getKey()))) {
                    problems.add(listed.getKey() + ": sha-256 불일치");
                }
            } catch (IOException e) {
                problems.add(listed.getKey() + ": 읽기 실패 (" + e.getClass().getSimpleName() + ")");
            } catch (Deadline.Exceeded e) {
                problems.add(e.getMessage());
                break;
            }
        }
        return new Check(name, true, problems);
    }

    /**
     * Writes both manifests for a version that has neither, when it may be trusted (see the class comment): the
     * files of the version (not hidden, not set aside) are listed. Empty when nothing was written, else what was.
     *
     * @throws IllegalArgumentException for {@code latest/}
     */
    Optional<String> writeManifestIfMissing(Path version, Deadline deadline) throws IOException {
        if (version.getFileName().toString().equals(settings.latest())) {
            throw new IllegalArgumentException("never a manifest for " + settings.latest() + "/: it would bless what is there");
        }
        if (Files.exists(version.resolve(settings.md5Manifest())) || Files.exists(version.resolve(settings.sha256Manifest()))) {
            return Optional.empty();
        }
        Path model = modelFile(version);
        if (!Files.isRegularFile(model, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.of(settings.modelFile() + " 없음, 체크섬 목록을 만들지 않음");
        }
        Optional<String> framing = PickleFraming.problem(model);
        if (framing.isPresent()) {
            return Optional.of(settings.modelFile() + ": " + framing.get() + ", 체크섬 목록을 만들지 않음");
        }
        Map<String, FileDigests.Digests> files = new TreeMap<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(version)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (!Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS) || !listable(name)) {
                    continue;
                }
                if (Files.size(entry) == 0) {
                    return Optional.of(name + ": 크기 0, 체크섬 목록을 만들지 않음");
                }
                files.put(name, FileDigests.of(entry, deadline));
            }
        }
        Map<String, String> md5 = new LinkedHashMap<>();
        Map<String, String> sha256 = new LinkedHashMap<>();
        files.forEach((name, digests) -> {
            md5.put(name, digests.md5());
            sha256.put(name, digests.sha256());
        });
        FileDigests.writeAtomically(version.resolve(settings.md5Manifest()), new ChecksumManifest(md5).text());
        FileDigests.writeAtomically(version.resolve(settings.sha256Manifest()), new ChecksumManifest(sha256).text());
        return Optional.of("체크섬 목록 작성 (" + settings.md5Manifest() + ", " + settings.sha256Manifest() + "): "
                + String.join(", ", files.keySet()));
    }

    /** The files a manifest lists: the version's own, not the manifests, hidden files or files set aside. */
    boolean listable(String name) {
        return !name.startsWith(".") && !name.equals(settings.md5Manifest()) && !name.equals(settings.sha256Manifest())
                && !name.contains("." + DAMAGED + "-") && !name.contains("." + REPLACED + "-");
    }

    /** The suffix of a file kept aside ({@code .damaged-20260101-120000}), in the engine's clock and zone. */
    String asideSuffix(String label) {
        return "." + label + "-" + ClockUtil.getCurrentTime().toInstant().atZone(zone).format(ASIDE_TIME);
    }

    /** A dated version. */
    record Version(String name, LocalDate date) {
    }

    /**
     * A version checked against its manifests.
     *
     * @param manifest it has manifests (possibly unreadable: then {@code problems} says so)
     * @param problems what does not verify; empty with a manifest means every file verifies
     */
    record Check(String name, boolean manifest, List<String> problems) {

        boolean verified() {
            return manifest && problems.isEmpty();
        }

        String summary() {
            if (verified()) {
                return name + ": 체크섬 일치";
            }
            return name + ": " + (manifest ? "" : "체크섬 목록 없음" + (problems.isEmpty() ? "" : ", "))
                    + String.join(", ", problems);
        }
    }
}
