package dev.recoveryorchestrator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Headless Chromium for tests of the Camunda webapps (CONTRIBUTING.md, "Tests"): Debian's {@code /usr/bin/chromium}
 * driven by {@code /usr/bin/chromedriver}, each {@link #open(int) session} a fresh browser with its own temporary
 * profile, so no login carries over from one user to the next. Without Chromium the class is skipped, or fails
 * when {@code RECOVERY_TEST_REQUIRE_ALL=true}. Register it as a static field:
 *
 * <pre>
 * &#64;RegisterExtension
 * static final TestBrowser browser = new TestBrowser();
 * </pre>
 *
 * Sessions opened in a test are closed after it; when the test fails, each one's screenshot and page source are
 * written to {@code target/browser-failures/}.
 *
 * <p>The browser talks to 127.0.0.1 only. The flags turn off Chromium's own traffic (updates, sync, background
 * fetches); the page's requests (scripts, XHR, images) to any other address are blocked; {@link Session#go} takes
 * only paths of the application; and closing a session fails the test if the page tried to reach anything else,
 * which also covers top-level navigations, where Chromium does not apply the block.
 */
public final class TestBrowser implements BeforeAllCallback, AfterEachCallback, TestExecutionExceptionHandler {

    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final List<String> FLAGS = List.of("--headless=new", "--no-sandbox", "--disable-gpu",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
            "--disable-dev-shm-usage");
    static final String INSTALL = "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "
            + "chromium chromium-driver";
    /** Bound of every wait: the webapps render in about a second here, a loaded CI machine gets ample slack. */
    static final Duration WAIT = Duration.ofSeconds(20);
    private static final Path FAILURES = Path.of("target", "browser-failures");
    private static final Logger log = LoggerFactory.getLogger(TestBrowser.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern NETWORK_URL = Pattern.compile("^(https?|wss?|ftp)://", Pattern.CASE_INSENSITIVE);
    /** Loopback, also with credentials in the URL (a test that logs in to HTTP Basic as a person would). */
    private static final Pattern LOOPBACK_URL = Pattern.compile("^(https?|wss?)://([^/?#@]*@)?127\\.0\\.0\\.1(:\\d+)?([/?#]|$)",
            Pattern.CASE_INSENSITIVE);
    /**
     * Selenium warns at every start that it has no CDP classes for this Chromium. It needs none: the blocking
     * below goes through ChromeDriver's own CDP endpoint, which works with every browser version. Kept in fields
     * because java.util.logging holds its loggers weakly.
     */
    private static final List<java.util.logging.Logger> QUIET = Stream.of(
            "org.openqa.selenium.devtools.CdpVersionFinder", "org.openqa.selenium.chromium.ChromiumDriver")
            .map(java.util.logging.Logger::getLogger).toList();

    private final List<Session> open = new ArrayList<>();

    @Override
    public void beforeAll(ExtensionContext context) {
        List<String> missing = Stream.of(CHROMIUM, CHROMEDRIVER).filter(p -> !Files.isExecutable(p))
                .map(Path::toString).toList();
        if (missing.isEmpty()) {
            return;
        }
        String message = "No browser for this test: " + String.join(" and ", missing) + " missing or not executable."
                + " Install them with: " + INSTALL;
        if (Boolean.parseBoolean(System.getenv(TestPostgres.REQUIRE_ALL_VARIABLE))) {
            Assertions.fail(message + " (" + TestPostgres.REQUIRE_ALL_VARIABLE
                    + "=true, so this fails instead of skipping)");
        }
        // Surefire counts a class skipped in beforeAll as "Tests run: 0", without the reason: log it.
        log.warn("Skipping: {} (set {}=true to fail instead)", message, TestPostgres.REQUIRE_ALL_VARIABLE);
        Assumptions.abort(message);
    }

    /** A fresh browser on the application at {@code http://127.0.0.1:port}. */
    public Session open(int port) {
        Session session = new Session(port);
        open.add(session);
        return session;
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        String test = context.getRequiredTestClass().getSimpleName() + "." + context.getRequiredTestMethod().getName();
        for (int i = 0; i < open.size(); i++) {
            try {
                open.get(i).keepEvidence(test + "-" + (i + 1));
            } catch (RuntimeException e) {
                failure.addSuppressed(e);
            }
        }
        throw failure;
    }

    /** Closes every session of the test, even when one fails to close; reports the first such failure. */
    @Override
    public void afterEach(ExtensionContext context) {
        List<Session> closing = List.copyOf(open);
        open.clear();
        RuntimeException broken = null;
        AssertionError offLoopback = null;
        for (Session session : closing) {
            try {
                session.close();
            } catch (AssertionError e) {
                offLoopback = offLoopback == null ? e : offLoopback;
            } catch (RuntimeException e) {
                broken = broken == null ? e : broken;
            }
        }
        if (context.getExecutionException().isPresent()) {
            return; // the test's own failure is the one to read
        }
        if (offLoopback != null) {
            throw offLoopback;
        }
        if (broken != null) {
            throw broken;
        }
    }

    /** One browser: a ChromeDriver process, a Chromium process and a temporary profile folder. */
    public static final class Session implements AutoCloseable {

        private final String base;
        private final Path profile;
        private final ChromeDriverService service;
        private final ChromeDriver driver;
        private final List<String> requested = new ArrayList<>();
        private boolean closed;

        private Session(int port) {
            QUIET.forEach(logger -> logger.setLevel(java.util.logging.Level.SEVERE));
            base = "http://127.0.0.1:" + port;
            try {
                profile = Files.createTempDirectory("recovery-chromium");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile()).addArguments(FLAGS)
                    .addArguments("--user-data-dir=" + profile, "--window-size=1600,1000");
            options.setCapability("goog:loggingPrefs", Map.of(LogType.PERFORMANCE, "ALL"));
            service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                    .usingAnyFreePort().build();
            ChromeDriver started = null;
            try {
                started = new ChromeDriver(service, options);
                started.manage().window().setSize(new Dimension(1600, 1000));
                started.manage().timeouts().pageLoadTimeout(WAIT).scriptTimeout(WAIT);
                // Through ChromeDriver's CDP endpoint; first matching pattern wins.
                started.executeCdpCommand("Network.enable", Map.of());
                started.executeCdpCommand("Network.setBlockedURLs", Map.of("urlPatterns", List.of(
                        Map.of("urlPattern", "http://127.0.0.1:*/*", "block", false),
                        Map.of("urlPattern", "*://*:*/*", "block", true))));
            } catch (RuntimeException e) {
                if (started != null) {
                    started.quit();
                }
                service.stop();
                deleteProfile();
                throw e;
            }
            driver = started;
        }

        public ChromeDriver driver() {
            return driver;
        }

        /** Opens a path of the application, e.g. {@code /camunda/app/tasklist/}. */
        public Session go(String path) {
            if (!path.startsWith("/")) {
                throw new IllegalArgumentException("a path of the application on 127.0.0.1, not " + path);
            }
            driver.get(base + path);
            return this;
        }

        /** A wait bounded by {@link #WAIT} that tries again when AngularJS has replaced an element meanwhile. */
        public WebDriverWait waiting() {
            WebDriverWait wait = new WebDriverWait(driver, WAIT);
            wait.ignoring(StaleElementReferenceException.class);
            return wait;
        }

        /** The first visible element that {@code by} finds, once there is one. */
        public WebElement visible(By by) {
            return waiting().until(ExpectedConditions.visibilityOfElementLocated(by));
        }

        /** The first visible element whose own text is {@code text} (spaces trimmed), once there is one. */
        public WebElement visibleText(String text) {
            return visible(withText(text));
        }

        /** The visible text of the element {@code by} finds, once it is there. */
        public String textOf(By by) {
            return visible(by).getText();
        }

        /** Writes a PNG of the viewport to {@code file}, replacing what was there. */
        public Path screenshot(Path file) {
            try {
                Files.createDirectories(file.toAbsolutePath().getParent());
                return Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Elements whose own text, trimmed, is {@code text}. */
        public static By withText(String text) {
            return By.xpath("//*[normalize-space(text())=" + xpathLiteral(text) + "]");
        }

        void keepEvidence(String name) {
            if (closed) {
                return;
            }
            screenshot(FAILURES.resolve(name + ".png"));
            try {
                Files.writeString(FAILURES.resolve(name + ".html"), driver.getPageSource());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            log.warn("Browser at {} when the test failed: {}", driver.getCurrentUrl(), FAILURES.resolve(name + ".png"));
        }

        /** Quits the browser and fails if its page tried to reach anything but 127.0.0.1. */
        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            try {
                collectRequests();
            } finally {
                try {
                    driver.quit();
                } finally {
                    service.stop();
                    deleteProfile();
                }
            }
            List<String> elsewhere = requested.stream().filter(url -> !onLoopback(url)).distinct().toList();
            if (!elsewhere.isEmpty()) {
                throw new AssertionError("the browser tried to reach more than 127.0.0.1: " + elsewhere);
            }
        }

        private void collectRequests() {
            for (LogEntry entry : driver.manage().logs().get(LogType.PERFORMANCE)) {
                try {
                    JsonNode message = JSON.readTree(entry.getMessage()).path("message");
                    if ("Network.requestWillBeSent".equals(message.path("method").asText())) {
                        requested.add(message.path("params").path("request").path("url").asText());
                    }
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException("unreadable Chromium performance log entry: " + entry, e);
                }
            }
        }

        /** data:, blob:, about: and chrome-error: URLs stay inside the browser; network ones must go to 127.0.0.1. */
        private static boolean onLoopback(String url) {
            return !NETWORK_URL.matcher(url).find() || LOOPBACK_URL.matcher(url).find();
        }

        private void deleteProfile() {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
            } catch (IOException e) {
                log.warn("Could not delete the browser profile {}: {}", profile, e.getMessage());
            }
        }

        private static String xpathLiteral(String text) {
            if (!text.contains("'")) {
                return "'" + text + "'";
            }
            return "concat('" + text.replace("'", "', \"'\", '") + "')";
        }
    }
}
