package dev.recoveryorchestrator.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.recoveryorchestrator.EngineTestSupport;
import dev.recoveryorchestrator.TestEnvironment;
import dev.recoveryorchestrator.TestHttp;
import dev.recoveryorchestrator.TestPostgres;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Debian's real Prometheus (package {@code prometheus}: {@code /usr/bin/prometheus}, {@code /usr/bin/promtool}) scrapes
 * the running application with the shipped {@code ops/prometheus/prometheus.yml}, rewritten only for the target's
 * address and port, and its password file filled with the demo scrape user's password. Then every query of the shipped
 * dashboard ({@code ops/grafana/dashboards}) and every series every alert rule reads must return series, and every rule
 * must evaluate without error; {@code promtool} accepts the configuration and the rules. A metric renamed in the code,
 * or a label a query selects that the code does not export, fails here. Skipped when Prometheus is not installed,
 * unless {@code RECOVERY_TEST_REQUIRE_ALL=true} (CI, whose .ci/run installs it).
 */
class PrometheusScrapeTest extends EngineTestSupport {

    private static final Path PROMETHEUS = Path.of("/usr/bin/prometheus");
    private static final Path PROMTOOL = Path.of("/usr/bin/promtool");
    private static final Path OPS = Path.of("ops");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A vector selector the rules read: a metric name, with its label matchers when it has them. */
    private static final Pattern SELECTOR = Pattern.compile("\\b((?:recovery_|up\\b)[a-z_]*)(\\{[^}]*})?");

    @Test
    void theShippedDashboardAndRulesFindTheirSeriesInARealPrometheus() throws Exception {
        requireInstalled();
        Path dir = WORK.resolve("prometheus-" + System.nanoTime());
        Files.createDirectories(dir.resolve("secrets"));
        String config = Files.readString(OPS.resolve("prometheus/prometheus.yml"));
        String rewritten = config.replaceAll("(?m)^(\\s*)- orchestrator-1:8080$", "$1- 127.0.0.1:" + port)
                .replaceAll("(?m)^\\s*- orchestrator-\\d+:8080\\n", "");
        assertThat(rewritten).as("only the targets were rewritten").contains("- 127.0.0.1:" + port)
                .doesNotContain("orchestrator-");
        Files.writeString(dir.resolve("prometheus.yml"), rewritten);
        Files.copy(OPS.resolve("prometheus/recovery-orchestrator.rules.yml"), dir.resolve("recovery-orchestrator.rules.yml"));
        Files.writeString(dir.resolve("secrets/recovery-scrape-password"), "demo");
        assertThat(run(PROMTOOL.toString(), "check", "config", dir.resolve("prometheus.yml").toString())).isZero();

        int web = TestEnvironment.freePort();
        Process prometheus = new ProcessBuilder(PROMETHEUS.toString(), "--config.file=" + dir.resolve("prometheus.yml"),
                "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + web, "--log.level=warn")
                .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
        try {
            TestHttp api = TestHttp.on(web);
            // Two scrapes (15 s apart, as shipped), so that increase() and rate() have their two samples.
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() ->
                    assertThat(query(api, "count_over_time(up{job=\"recovery-orchestrator\"}[5m]) >= 2"))
                            .as("two successful scrapes; log: %s", dir.resolve("prometheus.log")).isNotEmpty());
            assertThat(query(api, "up{job=\"recovery-orchestrator\"}").get(0).get("value").get(1).asText())
                    .as("the scrape user got in").isEqualTo("1");

            List<String> failed = new ArrayList<>();
            for (String expression : dashboardQueries()) {
                String instant = expression.replace("$__range", "1h").replace("$__rate_interval", "1m");
                if (query(api, instant).isEmpty()) {
                    failed.add("dashboard: " + expression);
                }
            }
            for (String selector : ruleSelectors()) {
                if (query(api, selector).isEmpty()) {
                    failed.add("rule reads: " + selector);
                }
            }
            assertThat(failed).as("queries that returned no series").isEmpty();

            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
                JsonNode groups = JSON.readTree(api.get("/api/v1/rules").body()).get("data").get("groups");
                List<JsonNode> rules = new ArrayList<>();
                groups.forEach(group -> group.get("rules").forEach(rules::add));
                assertThat(rules).hasSizeGreaterThanOrEqualTo(10)
                        .allSatisfy(rule -> assertThat(rule.get("health").asText()).as(rule.toString()).isEqualTo("ok"));
            });
        } finally {
            prometheus.destroy();
            if (!prometheus.waitFor(10, TimeUnit.SECONDS)) {
                prometheus.destroyForcibly();
            }
        }
    }

    @Test
    void promtoolAcceptsTheRules() throws Exception {
        requireInstalled();
        assertThat(run(PROMTOOL.toString(), "check", "rules", OPS.resolve("prometheus/recovery-orchestrator.rules.yml")
                .toString())).isZero();
    }

    private static List<JsonNode> query(TestHttp api, String expression) throws IOException {
        TestHttp.Response response = api.get("/api/v1/query?query=" + URLEncoder.encode(expression, StandardCharsets.UTF_8));
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("status").asText()).as("%s: %s", expression, response.body()).isEqualTo("success");
        List<JsonNode> result = new ArrayList<>();
        body.get("data").get("result").forEach(result::add);
        return result;
    }

    private static List<String> dashboardQueries() throws IOException {
        JsonNode dashboard = JSON.readTree(OPS.resolve("grafana/dashboards/recovery-orchestrator.json").toFile());
        List<String> queries = new ArrayList<>();
        dashboard.get("panels").forEach(panel -> panel.get("targets").forEach(target -> queries.add(target.get("expr").asText())));
        assertThat(queries).hasSizeGreaterThan(10);
        return queries;
    }

    /** Every selector of every rule's expression (a rule whose threshold is not reached returns nothing, by design). */
    private static Set<String> ruleSelectors() throws IOException {
        Set<String> selectors = new LinkedHashSet<>();
        for (String line : Files.readAllLines(OPS.resolve("prometheus/recovery-orchestrator.rules.yml"))) {
            if (line.strip().startsWith("expr:")) {
                Matcher matcher = SELECTOR.matcher(line);
                while (matcher.find()) {
                    selectors.add(matcher.group(1) + (matcher.group(2) == null ? "" : matcher.group(2)));
                }
            }
        }
        assertThat(selectors).contains("recovery_monitor_last_round_timestamp_seconds",
                "recovery_job_acquisition_last_timestamp_seconds");
        return selectors;
    }

    private static int run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = process.waitFor();
        assertThat(exit).as(String.join(" ", command) + ":\n" + output).isZero();
        return exit;
    }

    private static void requireInstalled() {
        if (Files.isExecutable(PROMETHEUS) && Files.isExecutable(PROMTOOL)) {
            return;
        }
        String message = "Prometheus is not installed (apt-get install -y prometheus)";
        if (Boolean.parseBoolean(System.getenv(TestPostgres.REQUIRE_ALL_VARIABLE))) {
            Assertions.fail(message + " (" + TestPostgres.REQUIRE_ALL_VARIABLE + "=true)");
        }
        Assumptions.abort(message);
    }
}
