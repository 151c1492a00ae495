package dev.recoveryorchestrator.action;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Ends processes the careful way, in Java rather than through {@code kill} or {@code pkill}: SIGTERM, a grace
 * period for them to end, then SIGKILL to them and every child they had, and a wait until they are really gone.
 * {@link ProcessHandle} remembers each process's start time, so a pid that was reused meanwhile is never signalled.
 */
public final class ProcessTree {

    private ProcessTree() {
    }

    /**
     * Ends {@code root} and all its descendants: SIGTERM to all, {@code grace} to end, SIGKILL to the rest, then
     * up to {@code grace} again for them to go.
     *
     * @return whether every one of them has ended
     */
    public static boolean terminate(ProcessHandle root, Duration grace) throws InterruptedException {
        Set<ProcessHandle> tree = new LinkedHashSet<>(root.descendants().toList());
        tree.add(root);
        tree.forEach(ProcessHandle::destroy);
        if (awaitEnd(tree, grace)) {
            return true;
        }
        tree.stream().filter(ProcessTree::running).forEach(ProcessHandle::destroyForcibly);
        return awaitEnd(tree, grace);
    }

    /**
     * The {@code stop} step: finds every process whose command line matches (never this JVM or its parents), sends
     * SIGTERM, waits up to {@code grace}, then SIGKILLs what is left together with their children, and waits until
     * everything is gone or {@code bound} has passed since the start.
     */
    static Stopped stopMatching(Pattern match, Duration grace, Duration bound) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        List<ProcessHandle> matching = matching(match);
        StringBuilder output = new StringBuilder();
        if (matching.isEmpty()) {
            return new Stopped(true, "stop /" + match + "/: no process matched\n");
        }
        Set<ProcessHandle> children = new LinkedHashSet<>();
        for (ProcessHandle process : matching) {
            children.addAll(process.descendants().toList());
            output.append("stop /").append(match).append("/: SIGTERM to pid ").append(process.pid()).append('\n');
            process.destroy();
        }
        if (!awaitEnd(matching, grace)) {
            Set<ProcessHandle> rest = new LinkedHashSet<>();
            matching.stream().filter(ProcessTree::running).forEach(rest::add);
            output.append("stop /").append(match).append("/: still running after ").append(grace).append(", SIGKILL to pid ")
                    .append(rest.stream().map(p -> String.valueOf(p.pid())).toList()).append('\n');
            rest.addAll(children);
            rest.stream().filter(ProcessTree::running).forEach(ProcessHandle::destroyForcibly);
            Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
            if (!awaitEnd(rest, left)) {
                List<Long> alive = rest.stream().filter(ProcessTree::running).map(ProcessHandle::pid).toList();
                output.append("stop /").append(match).append("/: pid ").append(alive).append(" did not end\n");
                return new Stopped(false, output.toString());
            }
        }
        output.append("stop /").append(match).append("/: ").append(matching.size()).append(" process(es) ended\n");
        return new Stopped(true, output.toString());
    }

    /** The processes whose command line matches, leaving out this JVM and its parents (a test runner, a shell). */
    static List<ProcessHandle> matching(Pattern match) {
        Set<Long> excluded = new HashSet<>();
        for (ProcessHandle p = ProcessHandle.current(); p != null; p = p.parent().orElse(null)) {
            excluded.add(p.pid());
        }
        List<ProcessHandle> found = new ArrayList<>();
        ProcessHandle.allProcesses()
                .filter(p -> !excluded.contains(p.pid()) && running(p))
                .forEach(p -> commandLine(p).filter(line -> match.matcher(line).find()).ifPresent(line -> found.add(p)));
        return found;
    }

    /** The command line as {@code pkill -f} matches it: the arguments the program was started with, joined by spaces. */
    static Optional<String> commandLine(ProcessHandle process) {
        ProcessHandle.Info info = process.info();
        return info.commandLine().or(() -> info.command());
    }

    /** Whether the process {@code pid} runs now and is the one that started at {@code startedMillis}. */
    static Optional<ProcessHandle> find(long pid, Long startedMillis) {
        return ProcessHandle.of(pid)
                .filter(ProcessTree::running)
                .filter(p -> startedMillis == null || p.info().startInstant()
                        .map(start -> start.toEpochMilli() == startedMillis).orElse(false));
    }

    static Long startedMillis(ProcessHandle process) {
        return process.info().startInstant().map(Instant::toEpochMilli).orElse(null);
    }

    /**
     * Waits until none of them runs. Polls rather than waiting on {@link ProcessHandle#onExit()}: a process whose
     * parent has died stays a zombie until init reaps it, and counts as ended here.
     */
    private static boolean awaitEnd(Iterable<ProcessHandle> processes, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            boolean anyRunning = false;
            for (ProcessHandle process : processes) {
                anyRunning |= running(process);
            }
            if (!anyRunning) {
                return true;
            }
            if (System.nanoTime() >= deadline) {
                return false;
            }
            Thread.sleep(20);
        }
    }

    /** Alive and not a zombie (on Linux, state Z or X in {@code /proc/<pid>/stat}). */
    static boolean running(ProcessHandle process) {
        if (!process.isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(process.pid()), "stat"));
            int end = stat.lastIndexOf(')');
            char state = end > 0 && end + 2 < stat.length() ? stat.charAt(end + 2) : 'R';
            return state != 'Z' && state != 'X';
        } catch (IOException | RuntimeException noProc) {
            return process.isAlive();
        }
    }

    /** @param output what happened, line by line, for the action's output */
    record Stopped(boolean succeeded, String output) {
    }
}
