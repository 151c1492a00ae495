package dev.recoveryorchestrator.runbook.containerfailure;

import dev.recoveryorchestrator.action.ActionCatalog;
import dev.recoveryorchestrator.action.ActionResult;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Who listens on the target's ports ({@code ss -tlnp | grep 8000}): the configured action {@code container-ports}
 * ({@code ss -tlnp}, an argument list) is run and its output parsed to port and pid; the command line comes from
 * {@code /proc/<pid>/cmdline} (NUL-separated arguments) and the user from the owner of {@code /proc/<pid>}. Nothing
 * read here is ever run or placed into a command: a pid is digits (at most 9 of them), a port a number in range.
 */
@Component
class PortHolders {

    static final String ACTION = "container-ports";
    static final int MAX_COMMAND_LINE = 500;
    /** ss's local address column ends with {@code :<port>}; the process column lists {@code pid=<digits>}. */
    private static final Pattern LOCAL_PORT = Pattern.compile(":(\\d{1,5})$");
    private static final Pattern PID = Pattern.compile("pid=(\\d{1,9})\\b");
    private final ActionCatalog actions;
    private final Path proc;

    @org.springframework.beans.factory.annotation.Autowired
    PortHolders(ActionCatalog actions) {
        this(actions, Path.of("/proc"));
    }

    PortHolders(ActionCatalog actions, Path proc) {
        this.actions = actions;
        this.proc = proc;
    }

    /** The listing, or why there is none (the action not configured, or it failed). */
    Listing list(List<Integer> ports) {
        if (!actions.has(ACTION)) {
            return new Listing(List.of(), "recovery.actions." + ACTION + " 미설정");
        }
        ActionResult result = actions.run(ACTION);
        if (!result.succeeded()) {
            return new Listing(List.of(), result.summary());
        }
        List<PortHolder> holders = new ArrayList<>();
        for (Listener listener : parse(result.output(), Set.copyOf(ports))) {
            holders.add(describe(listener));
        }
        return new Listing(holders, null);
    }

    /** Whether anything still listens on {@code port}, by the same listing. */
    boolean held(int port) {
        ActionResult result = actions.run(ACTION);
        return !result.succeeded() || !parse(result.output(), Set.of(port)).isEmpty();
    }

    /**
     * Port and pid of each listening socket on one of {@code ports}, from {@code ss -tlnp}. A line without a process
     * (ss shows only the processes the orchestrator may see) gives pid -1. Lines that do not parse are skipped.
     */
    static List<Listener> parse(String output, Set<Integer> ports) {
        Set<Listener> found = new LinkedHashSet<>();
        for (String line : output.split("\\R")) {
            String[] columns = line.strip().split("\\s+");
            if (columns.length < 4 || !columns[0].equals("LISTEN")) {
                continue;
            }
            Matcher port = LOCAL_PORT.matcher(columns[3]);
            if (!port.find() || !ports.contains(Integer.parseInt(port.group(1)))) {
                continue;
            }
            int number = Integer.parseInt(port.group(1));
            Matcher pid = PID.matcher(line);
            boolean any = false;
            while (pid.find()) {
                found.add(new Listener(number, Long.parseLong(pid.group(1))));
                any = true;
            }
            if (!any) {
                found.add(new Listener(number, -1));
            }
        }
        return List.copyOf(found);
    }

    private PortHolder describe(Listener listener) {
        if (listener.pid() < 0) {
            return new PortHolder(listener.port(), -1, null, "(알 수 없음: ss가 프로세스를 보여 주지 않음)", "(알 수 없음)");
        }
        Optional<ProcessHandle> process = ProcessHandle.of(listener.pid());
        Long started = process.flatMap(p -> p.info().startInstant()).map(Instant::toEpochMilli).orElse(null);
        return new PortHolder(listener.port(), listener.pid(), started, commandLine(listener.pid()), user(listener.pid()));
    }

    /** {@code /proc/<pid>/cmdline}: NUL-separated arguments, joined by spaces, control characters shown as '?'. */
    String commandLine(long pid) {
        try (InputStream in = Files.newInputStream(proc.resolve(Long.toString(pid)).resolve("cmdline"))) {
            byte[] bytes = in.readNBytes(MAX_COMMAND_LINE * 4);
            String text = new String(bytes, StandardCharsets.UTF_8).replace('\0', ' ').strip();
            text = text.replaceAll("[\\p{Cntrl}\\p{Cf}]", "?");
            if (text.isEmpty()) {
                return "(명령 없음)";
            }
            return text.length() <= MAX_COMMAND_LINE ? text : text.substring(0, MAX_COMMAND_LINE) + "…";
        } catch (IOException e) {
            return "(읽을 수 없음)";
        }
    }

    private String user(long pid) {
        try {
            return Files.getOwner(proc.resolve(Long.toString(pid))).getName();
        } catch (IOException | UnsupportedOperationException e) {
            return "(알 수 없음)";
        }
    }

    /** @param pid -1 when ss did not name the process */
    record Listener(int port, long pid) {
    }

    /** @param unavailable why there is no listing, or null */
    record Listing(List<PortHolder> holders, String unavailable) {
    }
}
