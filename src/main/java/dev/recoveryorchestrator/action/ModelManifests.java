package dev.recoveryorchestrator.action;

import java.io.IOException;
import java.util.List;

/**
 * Checksum manifests for the dated model versions under {@code recovery.target.model-dir}: Type 5 writes them (it owns
 * the rules on when a version may be trusted), the daily backup asks for them. Never for {@code latest/}.
 */
public interface ModelManifests {

    /**
     * Writes md5 and sha-256 manifests for every dated version that has neither; versions with manifests are left
     * as they are.
     *
     * @return one entry per version looked at that had none: written, or refused and why
     * @throws IOException when the model folder cannot be listed
     */
    List<Written> writeMissing(Deadline deadline) throws IOException;

    /** Whether a model folder is configured at all. */
    boolean configured();

    /**
     * @param version the version folder's name
     * @param written both manifests are there now
     * @param detail what was written, or why not (Korean, for people)
     */
    record Written(String version, boolean written, String detail) {
    }
}
