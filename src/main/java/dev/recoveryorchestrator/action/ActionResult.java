package dev.recoveryorchestrator.action;

/**
 * What running an action did.
 *
 * @param succeeded every step ended with a success code (or was started, for background steps)
 * @param exitCode exit code of the last step that ran; -1 when none ran to the end
 * @param output what the steps printed, trimmed to a few kilobytes
 */
public record ActionResult(String action, boolean succeeded, int exitCode, String output) {

    /** A one-line description for the incident's timeline. */
    public String summary() {
        return action + (succeeded ? " 성공" : " 실패") + " (exit " + exitCode + ")"
                + (output.isBlank() ? "" : ": " + output.strip());
    }
}
