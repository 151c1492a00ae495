package dev.recoveryorchestrator.preflight;

import java.util.Objects;

/**
 * One line of the preflight table.
 *
 * @param runbook the runbooks (processes) the prerequisite serves, e.g. {@code runbook-backend-api-down}
 * @param step what in them needs it: an action's step, a folder, the engine
 * @param needs what must be true, in words (a program, a folder with its access, an answer)
 * @param status whether it is
 * @param detail what was found (data from the host, shown as text, never interpreted)
 * @param todo what to do when it is not ok; empty when it is
 */
public record PreflightRow(String runbook, String step, String needs, Status status, String detail, String todo) {

    /** What came of one check. */
    public enum Status {
        /** In place. */
        OK,
        /** Not there, or not with the access it needs. */
        MISSING,
        /** Could not be decided from here (a timeout, a parent folder this user cannot read). */
        CANNOT_CHECK
    }

    public PreflightRow {
        Objects.requireNonNull(status, "status");
        runbook = runbook == null ? "" : runbook;
        step = step == null ? "" : step;
        needs = needs == null ? "" : needs;
        detail = detail == null ? "" : detail;
        todo = status == Status.OK || todo == null ? "" : todo;
    }

    static PreflightRow ok(String runbook, String step, String needs, String detail) {
        return new PreflightRow(runbook, step, needs, Status.OK, detail, "");
    }

    public boolean ok() {
        return status == Status.OK;
    }

    /** The row as one log line. */
    public String line() {
        return status + " | " + runbook + " | " + step + " | " + needs + " | " + detail + (todo.isEmpty() ? "" : " | " + todo);
    }
}
