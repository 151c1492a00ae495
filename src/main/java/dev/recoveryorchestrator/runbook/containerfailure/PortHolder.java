package dev.recoveryorchestrator.runbook.containerfailure;

/**
 * A process listening on one of the target's ports, as {@code ss -tlnp} names it, with what {@code /proc} says of it.
 *
 * @param port the port it listens on
 * @param pid its process id (digits only, checked when read)
 * @param startedMillis when it started (so a reused pid is never taken for it); null when unknown
 * @param commandLine its arguments joined by spaces, as {@code /proc/<pid>/cmdline} holds them; data, never run
 * @param user the owner of {@code /proc/<pid>}
 */
record PortHolder(int port, long pid, Long startedMillis, String commandLine, String user) {

    /** One line for the timeline and the approval task. */
    String describe() {
        return "포트 " + port + ": pid " + pid + ", 사용자 " + user + ", 명령 " + commandLine;
    }
}
