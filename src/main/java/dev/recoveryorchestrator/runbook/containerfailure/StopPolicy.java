package dev.recoveryorchestrator.runbook.containerfailure;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Decides what may be done to a process that holds one of the target's ports. The runbook's {@code kill -9 <PID>}
 * kills whatever holds the port; here the service's own processes are no conflict, and pid 1, the orchestrator and
 * its ancestors, the database (by command line or port) and a holder ss could not name are never stopped. Of the
 * rest, those on the allow list may be stopped at once; every other one only after a person approves.
 */
@Component
class StopPolicy {

    private final ContainerFailureSettings settings;

    StopPolicy(ContainerFailureSettings settings) {
        this.settings = settings;
    }

    Verdict judge(PortHolder holder) {
        if (matches(settings.serviceProcesses(), holder.commandLine())) {
            return Verdict.SERVICE;
        }
        if (holder.pid() <= 1 || ownLine().contains(holder.pid()) || settings.protectedPorts().contains(holder.port())
                || matches(settings.protectedProcesses(), holder.commandLine())) {
            return Verdict.PROTECTED;
        }
        return matches(settings.allowList(), holder.commandLine()) ? Verdict.ALLOWED : Verdict.APPROVAL;
    }

    private static boolean matches(List<Pattern> patterns, String commandLine) {
        return patterns.stream().anyMatch(pattern -> pattern.matcher(commandLine).find());
    }

    /** This JVM and every process above it (the shell, the service manager, init). */
    private static Set<Long> ownLine() {
        Set<Long> pids = new HashSet<>();
        for (ProcessHandle p = ProcessHandle.current(); p != null; p = p.parent().orElse(null)) {
            pids.add(p.pid());
        }
        return pids;
    }

    /** What may be done to a port holder; {@link #value} is what the model's gateway reads. */
    enum Verdict {
        /** the service itself (docker-proxy, uvicorn): no conflict */
        SERVICE("service"),
        /** never stopped by the orchestrator: a person takes over */
        PROTECTED("protected"),
        /** on the allow list: stopped without asking */
        ALLOWED("allowed"),
        /** stopped only after a person approves */
        APPROVAL("approval");

        final String value;

        Verdict(String value) {
            this.value = value;
        }
    }
}
