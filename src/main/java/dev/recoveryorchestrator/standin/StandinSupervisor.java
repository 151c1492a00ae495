package dev.recoveryorchestrator.standin;

import dev.recoveryorchestrator.action.ActionResult;
import dev.recoveryorchestrator.config.EngineClock;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Starts the stand-in backend as its own OS process with the application, restarts it when a runbook asks
 * (the demo's "서비스 재시작"), and stops it with the application.
 */
public class StandinSupervisor implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(StandinSupervisor.class);
    private final StandinSettings settings;
    private Process process;
    private volatile boolean running;

    private final ZoneId zone;
    /** The only variables of the orchestrator's environment the stand-in gets ({@code recovery.commands.inherit-env}). */
    private final List<String> inheritEnv;

    /** {@code zone}: {@code recovery.time-zone}; the stand-in's dates (its log, the demo's backups and models) use it. */
    StandinSupervisor(StandinSettings settings, ZoneId zone, List<String> inheritEnv) {
        this.inheritEnv = List.copyOf(inheritEnv);
        this.settings = settings;
        this.zone = zone;
    }

    @Override
    public synchronized void start() {
        running = true;
        if (listening()) {
            log.warn("Port {} already answers; not starting another stand-in", settings.port());
            return;
        }
        try {
            DemoDatabase.createIfMissing(settings.dir(), EngineClock.now(), zone);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("The stand-in's demo data could not be created in " + settings.dir(), e);
        }
        ActionResult started = launch(settings.version(), "stand-in start");
        if (!started.succeeded()) {
            throw new IllegalStateException("The stand-in backend did not start: " + started.output());
        }
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (process != null && process.isAlive()) {
            process.destroy();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** The stand-in's process, when this application started it and it is alive. */
    public synchronized Optional<ProcessHandle> process() {
        return process != null && process.isAlive() ? Optional.of(process.toHandle()) : Optional.empty();
    }

    /** Stops the stand-in if it still runs (a hung server) and starts it again, reporting the given version. */
    synchronized ActionResult restart(String version, String action) {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new ActionResult(action, false, -1, "interrupted while stopping the stand-in");
            }
        }
        return launch(version, action);
    }

    /**
     * A DR drill's Type 1 injection in the demo: kills the stand-in at once (SIGKILL, as {@code kill -9}) and waits,
     * at most {@code timeout}, until it is gone. Nothing restarts it: the drill's runbook must.
     */
    synchronized ActionResult kill(String action, java.time.Duration timeout) {
        if (process == null || !process.isAlive()) {
            return new ActionResult(action, false, -1, "stand-in not running: nothing to kill");
        }
        long pid = process.pid();
        process.destroyForcibly();
        try {
            if (!process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                return new ActionResult(action, false, -1, "stand-in pid " + pid + " still alive after SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ActionResult(action, false, -1, "interrupted while killing the stand-in");
        }
        log.info("Stand-in pid {} killed (SIGKILL) for a DR drill", pid);
        return new ActionResult(action, true, 0, "stand-in pid " + pid + " killed (SIGKILL)");
    }

    /**
     * A DR drill's Type 2 and Type 5 injection in the demo: turns on a damage switch ({@code damage-database},
     * {@code damage-model}) and waits, at most {@code timeout}, until the running stand-in has done the damage and
     * removed the switch. When it does not (the stand-in is not running), the switch is removed again: nothing is left
     * to go off later.
     */
    ActionResult damage(String switchName, java.time.Duration timeout) {
        Path file = settings.dir().resolve(switchName);
        if (process().isEmpty()) {
            return new ActionResult(switchName, false, -1, "stand-in not running: the switch " + switchName
                    + " would not be seen");
        }
        try {
            Files.createDirectories(settings.dir());
            Files.writeString(file, "DR drill");
            long deadline = System.nanoTime() + timeout.toNanos();
            while (Files.exists(file)) {
                if (System.nanoTime() > deadline) {
                    Files.deleteIfExists(file);
                    return new ActionResult(switchName, false, -1, "the stand-in did not act on " + switchName
                            + " within " + timeout + "; switch removed");
                }
                Thread.sleep(25);
            }
            return new ActionResult(switchName, true, 0, switchName + ": done by the stand-in (see "
                    + settings.logFile() + ")");
        } catch (IOException e) {
            return new ActionResult(switchName, false, -1, switchName + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ActionResult(switchName, false, -1, "interrupted while waiting for " + switchName);
        }
    }

    /** Stops the stand-in if it runs (the demo's {@code docker compose down}); nothing running is fine. */
    synchronized ActionResult halt(String action) {
        if (process == null || !process.isAlive()) {
            return new ActionResult(action, true, 0, "stand-in not running");
        }
        long pid = process.pid();
        process.destroy();
        try {
            if (!process.waitFor(settings.startTimeout().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ActionResult(action, false, -1, "interrupted while stopping the stand-in");
        }
        return new ActionResult(action, true, 0, "stand-in pid " + pid + " stopped");
    }

    /**
     * Starts the stand-in and waits until it listens. When something else held the port before (a squatter), its
     * answering proves nothing: the new stand-in must still run once the start timeout has passed, for it exits
     * when it cannot bind ("Port already in use").
     */
    private ActionResult launch(String version, String action) {
        boolean portTakenBefore = listening();
        try {
            Files.createDirectories(settings.dir());
            ProcessBuilder builder = new ProcessBuilder(command(version))
                    .redirectErrorStream(true)
                    .redirectOutput(Redirect.appendTo(settings.dir().resolve("stdout.log").toFile()));
            explicitEnvironment(builder.environment());
            process = builder.start();
            long deadline = System.nanoTime() + settings.startTimeout().toNanos();
            if (portTakenBefore && process.waitFor(settings.startTimeout().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                return new ActionResult(action, false, process.exitValue(), "stand-in could not bind " + settings.bind() + ":"
                        + settings.port() + ": Port already in use (another process holds it)");
            }
            while (!listening()) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    return new ActionResult(action, false, process.isAlive() ? -1 : process.exitValue(),
                            "stand-in did not listen on " + settings.port() + "; see " + settings.dir().resolve("stdout.log"));
                }
                Thread.sleep(25);
            }
            log.info("Stand-in backend running, pid {}, port {}, version {}", process.pid(), settings.port(), version);
            return new ActionResult(action, true, 0, "stand-in pid " + process.pid() + " listening on " + settings.port());
        } catch (IOException e) {
            return new ActionResult(action, false, -1, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ActionResult(action, false, -1, "interrupted while starting the stand-in");
        }
    }

    /**
     * The stand-in's environment, built explicitly like every command's: the variables of {@code
     * recovery.commands.inherit-env} and its class path; nothing else of the orchestrator's environment (its secrets:
     * the admin and database passwords, the intake token, the mail password) reaches it.
     */
    private void explicitEnvironment(java.util.Map<String, String> environment) {
        environment.keySet().retainAll(inheritEnv);
        classPath().ifPresent(classPath -> environment.put("CLASSPATH", classPath));
    }

    private boolean listening() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(settings.bind(), settings.port()), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * {@code java StandinServer --port ...}. Run from classes (IDE, Maven, tests) the class path is this JVM's (the
     * stand-in needs Jackcess to open its database), given in {@code CLASSPATH} ({@link #classPath()}) so that the
     * command line stays short for whoever lists processes (Type 4's port holders, {@code ps}); run from the executable
     * jar, Spring Boot's PropertiesLauncher finds it and {@code BOOT-INF/lib} inside.
     */
    /** The stand-in's class path when run from classes: its own folder and this JVM's class path; empty from the jar. */
    private static Optional<String> classPath() {
        URL location = ownLocation();
        if (location.toString().startsWith("jar:nested:")) {
            return Optional.empty();
        }
        try {
            String own = Path.of(location.toURI()).toString();
            String jvm = System.getProperty("java.class.path", "");
            return Optional.of(jvm.isBlank() ? own : own + java.io.File.pathSeparator + jvm);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the stand-in's classes at " + location, e);
        }
    }

    private static URL ownLocation() {
        return StandinServer.class.getProtectionDomain().getCodeSource().getLocation();
    }

    private List<String> command(String version) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx64m");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-Duser.timezone=" + zone.getId());
        String text = ownLocation().toString();
        if (text.startsWith("jar:nested:")) {
            String jar = text.substring("jar:nested:".length(), text.indexOf("/!BOOT-INF"));
            command.addAll(List.of("-cp", jar, "-Dloader.main=" + StandinServer.class.getName(),
                    "org.springframework.boot.loader.launch.PropertiesLauncher"));
        } else {
            command.add(StandinServer.class.getName());
        }
        command.addAll(List.of(
                "--port", String.valueOf(settings.port()),
                "--bind", settings.bind(),
                "--log-file", settings.logFile().toAbsolutePath().toString(),
                "--fault-file", settings.faultFile().toAbsolutePath().toString(),
                "--switch-dir", settings.dir().toAbsolutePath().toString(),
                "--database-file", settings.dir().resolve(DemoDatabase.FILE).toAbsolutePath().toString(),
                "--predictor-config", settings.dir().resolve(DemoDatabase.CONFIG).toAbsolutePath().toString(),
                "--env-file", settings.dir().resolve(DemoDatabase.ENV).toAbsolutePath().toString(),
                "--switch-interval-ms", String.valueOf(settings.switchInterval().toMillis()),
                "--model-dir", settings.modelDir().toAbsolutePath().toString(),
                "--version", version,
                "--parent-pid", String.valueOf(ProcessHandle.current().pid())));
        if (!settings.hostBind().isBlank()) {
            command.addAll(List.of("--host-bind", settings.hostBind()));
        }
        return command;
    }
}
