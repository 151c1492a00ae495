package dev.recoveryorchestrator.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recoveryorchestrator.EngineTestSupport;
import dev.recoveryorchestrator.HostileValues;
import dev.recoveryorchestrator.TestHttp;
import dev.recoveryorchestrator.TestHttp.Response;
import dev.recoveryorchestrator.action.ActionSettings;
import dev.recoveryorchestrator.action.CommandRunner;
import dev.recoveryorchestrator.action.CommandSettings;
import dev.recoveryorchestrator.action.HealthProbe;
import dev.recoveryorchestrator.action.PortProbe;
import dev.recoveryorchestrator.action.TargetSettings;
import dev.recoveryorchestrator.runbook.containerfailure.ContainerFailureSettings;
import dev.recoveryorchestrator.runbook.databaseunreachable.DatabaseUnreachableSettings;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * The demo's own preflight is all green, and {@code GET /api/preflight} answers responders only. The shared test
 * context adds fake docker and firewall actions of its own, so the demo's table is built from the demo's
 * configuration as shipped ({@code application.yaml}, no profile), pointed only at this context's running stand-in
 * and its folder; the endpoint is checked on the shared context.
 */
class PreflightApiTest extends EngineTestSupport {

    @Test
    void theDemosOwnPreflightIsAllGreen() {
        StandardEnvironment demo = new StandardEnvironment();
        demo.getPropertySources().addFirst(new MapPropertySource("the test's stand-in", Map.of(
                "recovery.standin.port", String.valueOf(STANDIN_PORT),
                "recovery.standin.dir", standinSettings.dir().toString())));
        ConfigDataEnvironmentPostProcessor.applyTo(demo);
        Binder binder = Binder.get(demo);
        Preflight preflight = new Preflight(binder.bind("recovery", ActionSettings.class).get(),
                binder.bind("recovery.target", TargetSettings.class).get(),
                binder.bind("recovery.runbook.database-unreachable", DatabaseUnreachableSettings.class).get(),
                binder.bindOrCreate("recovery.runbook.container-failure", ContainerFailureSettings.class),
                new CommandRunner(binder.bind("recovery.commands", CommandSettings.class).get()), new HealthProbe(),
                new PortProbe(), binder.bind("recovery.preflight", PreflightSettings.class).get(), demo);

        Preflight.Report report = preflight.run();

        assertThat(report.gaps()).as("the demo's gaps").isEmpty();
        assertThat(report.rows()).extracting(PreflightRow::step).contains("recovery.actions.check-backend-process",
                "recovery.actions.check-model-load", "recovery.target.log-file", "recovery.target.backup-dir",
                "recovery.runbook.database-unreachable.env-file", "recovery.target.health-url")
                .doesNotContain("docker engine", "rollback: recovery.target.stable-commit");
        assertThat(report.profiles()).containsExactly("default");
    }

    @Test
    void aResponderGetsTheTableAndNobodyElseDoes() {
        Response anonymous = TestHttp.on(port).get("/api/preflight");
        assertThat(anonymous.status()).isEqualTo(401);

        Response table = TestHttp.on(port).as("devops1", "demo").get("/api/preflight");
        assertThat(table.status()).as(table.body()).isEqualTo(200);
        assertThat(table.json().get("rows").size()).isPositive();
        assertThat(table.json().get("rows").get(0).fieldNames()).toIterable()
                .contains("runbook", "step", "needs", "status", "detail", "todo");
        assertThat(table.json().get("counts").get("OK").asInt()).isPositive();
    }

    /** The endpoint takes no input: a hostile query parameter changes nothing and is never echoed as anything else. */
    @Test
    void aHostileQueryParameterIsIgnored() {
        for (String hostile : java.util.List.of(HostileValues.TEXT, HostileValues.LINES, "a\0b", "x".repeat(100 * 1024))) {
            Response table = TestHttp.on(port).as("devops1", "demo")
                    .get("/api/preflight?runbook=" + URLEncoder.encode(hostile, StandardCharsets.UTF_8));
            assertThat(table.status()).as("status").isIn(200, 400, 414);
            assertThat(table.body()).doesNotContain("uid=");
        }
    }
}
