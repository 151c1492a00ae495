package dev.recoveryorchestrator.runbook.modelcorruption;

import dev.recoveryorchestrator.action.Deadline;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The selection policy: the newest dated version whose files verify, within {@code max-version-age}; a version
 * whose manifests disagree with its files (or has none) is never chosen. Shared by the runbook's 이전 버전 확인 and
 * the last resort {@code install-previous-model}.
 */
@Component
class ModelVersionChoice {

    private final ModelVersions versions;

    ModelVersionChoice(ModelVersions versions) {
        this.versions = versions;
    }

    Chosen choose(Deadline deadline) throws IOException {
        String recent = null;
        String older = null;
        List<String> seen = new ArrayList<>();
        for (ModelVersions.Version version : versions.dated()) {
            ModelVersions.Check check = versions.verify(versions.folder(version.name()), deadline);
            seen.add(check.summary());
            if (!check.verified()) {
                continue;
            }
            if (versions.recentEnough(version)) {
                recent = recent == null ? version.name() : recent;
            } else if (older == null) {
                older = version.name();
            }
            if (recent != null) {
                break;
            }
        }
        return new Chosen(Optional.ofNullable(recent), recent == null ? Optional.ofNullable(older) : Optional.empty(),
                seen.isEmpty() ? "버전 없음" : String.join("; ", seen));
    }

    /**
     * @param recent the newest verified version within the age limit
     * @param older the newest verified version past it, when there is no recent one
     * @param summary each version looked at and its check
     */
    record Chosen(Optional<String> recent, Optional<String> older, String summary) {

        Optional<String> newestVerified() {
            return recent.or(() -> older);
        }
    }
}
