package dev.recoveryorchestrator.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.recoveryorchestrator.action.ActionSettings.Action;
import dev.recoveryorchestrator.action.ActionSettings.Step;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ActionCatalogTest {

    @TempDir
    Path folder;

    private final CountingAction restartInCode = new CountingAction("restart-backend");
    private final CountingAction rollbackInCode = new CountingAction("rollback-backend");

    @Test
    void runsAConfiguredCommandInsteadOfABuiltInActionOfTheSameName() {
        ActionCatalog catalog = catalog(Map.of("restart-backend", command("echo", "configured restart")));

        ActionResult result = catalog.run("restart-backend");

        assertThat(result.action()).isEqualTo("restart-backend");
        assertThat(result.succeeded()).isTrue();
        assertThat(result.output()).isEqualTo("configured restart\n");
        assertThat(restartInCode.runs).isZero();
    }

    @Test
    void runsABuiltInActionWhenNothingIsConfiguredUnderItsName() {
        ActionCatalog catalog = catalog(Map.of("restart-backend", command("echo", "configured restart")));

        ActionResult result = catalog.run("rollback-backend");

        assertThat(result.output()).isEqualTo("rollback-backend in code");
        assertThat(rollbackInCode.runs).isEqualTo(1);
    }

    @Test
    void listsConfiguredAndBuiltInNamesOnce() {
        ActionCatalog catalog = catalog(Map.of("restart-backend", command("true"),
                "check-backend-process", command("true")));

        assertThat(catalog.names()).containsExactly("check-backend-process", "restart-backend", "rollback-backend");
        assertThat(catalog.has("rollback-backend")).isTrue();
        assertThat(catalog.has("check-backend-process")).isTrue();
        assertThat(catalog.has("reboot-server")).isFalse();
    }

    @Test
    void refusesAnUnknownNameWithThePropertyToConfigure() {
        ActionCatalog catalog = catalog(Map.of("check-backend-process", command("true")));

        assertThatThrownBy(() -> catalog.run("reboot-server"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("recovery.actions.reboot-server")
                .hasMessageContaining("check-backend-process")
                .hasMessageContaining("restart-backend");
        assertThat(restartInCode.runs + rollbackInCode.runs).isZero();
    }

    @Test
    void refusesToRunATrackedActionInsideAJob() {
        Path marker = folder.resolve("ran");
        ActionCatalog catalog = catalog(Map.of("rollback-backend",
                new Action(List.of(Step.run(List.of("touch", marker.toString()), Set.of(0))), folder,
                        Duration.ofMinutes(30), Map.of(), true)));

        assertThatThrownBy(() -> catalog.run("rollback-backend"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("recovery.actions.rollback-backend.tracked=true")
                .hasMessageContaining("run-action");
        assertThat(marker).doesNotExist();
        assertThat(catalog.tracked("rollback-backend")).isTrue();
        assertThat(catalog.worstCase("rollback-backend")).isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void refusesToBeBuiltWithAnUntrackedActionThatCouldOutliveTheInlineLimit() {
        Action rollback = new Action(List.of(Step.run(List.of("git", "checkout", "a1b2c3d"), Set.of(0)),
                Step.run(List.of("docker", "compose", "up", "-d", "--build"), Set.of(0))), folder, Duration.ofMinutes(30),
                Map.of(), false);

        assertThatThrownBy(() -> catalog(Map.of("rollback-backend", rollback)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("recovery.actions.rollback-backend.timeout: a job could run for PT1H")
                .hasMessageContaining("recovery.commands.inline-limit (PT2M")
                .hasMessageContaining("camunda.bpm.job-execution.lock-time-in-millis = PT5M")
                .hasMessageContaining("recovery.actions.rollback-backend.tracked=true");
    }

    @Test
    void refusesToBeBuiltWithAnUntrackedBuiltInActionThatCouldOutliveTheInlineLimit() {
        RecoveryAction slow = new CountingAction("rebuild-model", Duration.ofMinutes(10), false);

        assertThatThrownBy(() -> new ActionCatalog(new ActionSettings(Map.of()), runner(), List.of(slow), LIMIT,
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("action 'rebuild-model' (built in): a job could run for PT10M");
        assertThat(new ActionCatalog(new ActionSettings(Map.of()), runner(),
                List.of(new CountingAction("rebuild-model", Duration.ofMinutes(10), true)), LIMIT,
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry()).tracked("rebuild-model"))
                .isTrue();
    }

    @Test
    void countsEveryStepThatWaitsButNotABackgroundStart() {
        Action restart = new Action(List.of(
                Step.stop(java.util.regex.Pattern.compile("uvicorn backend.run_api:app"), Duration.ofSeconds(10)),
                new Step(List.of("uvicorn"), null, Set.of(0), true, null),
                Step.run(List.of("true"), Set.of(0))), folder, Duration.ofSeconds(50), Map.of(), false);

        assertThat(catalog(Map.of("restart-backend", restart)).worstCase("restart-backend"))
                .isEqualTo(Duration.ofSeconds(100));
    }

    @Test
    void refusesAnInlineLimitOverHalfTheJobLock() {
        assertThatThrownBy(() -> new InlineLimit(new CommandSettings(List.of("PATH"), Duration.ofMinutes(3)), 300_000))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("recovery.commands.inline-limit (PT3M) must be positive and at most half the job lock "
                        + "camunda.bpm.job-execution.lock-time-in-millis (PT5M)");
    }

    @Test
    void reckonsARetriedCheckAsEveryTryTakingItsTimeoutAndPause() {
        assertThat(InlineLimit.retried(10, Duration.ofSeconds(2), Duration.ofSeconds(3))).isEqualTo(Duration.ofSeconds(50));
        assertThatThrownBy(() -> LIMIT.require("recovery.runbook.backend-api-down.health-attempts",
                InlineLimit.retried(100, Duration.ofSeconds(2), Duration.ofSeconds(3)), ""))
                .hasMessageStartingWith("recovery.runbook.backend-api-down.health-attempts: a job could run for PT8M20S");
    }

    private static final InlineLimit LIMIT = new InlineLimit(
            new CommandSettings(CommandRunnerTest.INHERITED, Duration.ofMinutes(2)), 300_000);

    private static CommandRunner runner() {
        return new CommandRunner(new CommandSettings(CommandRunnerTest.INHERITED, Duration.ofMinutes(2)), System.getenv());
    }

    private ActionCatalog catalog(Map<String, Action> configured) {
        return new ActionCatalog(new ActionSettings(configured), runner(), List.of(restartInCode, rollbackInCode), LIMIT,
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
    }

    private Action command(String... command) {
        return new Action(List.of(Step.run(List.of(command), Set.of(0))), folder, Duration.ofSeconds(20), Map.of(), false);
    }

    /** An action written in code, as the stand-in's restart is; it only counts its runs. */
    private static final class CountingAction implements RecoveryAction {

        private final String name;
        private final Duration timeout;
        private final boolean tracked;
        int runs;

        CountingAction(String name) {
            this(name, Duration.ofSeconds(30), false);
        }

        CountingAction(String name, Duration timeout, boolean tracked) {
            this.name = name;
            this.timeout = timeout;
            this.tracked = tracked;
        }

        @Override
        public Duration timeout() {
            return timeout;
        }

        @Override
        public boolean tracked() {
            return tracked;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public ActionResult run() {
            runs++;
            return new ActionResult(name, true, 0, name + " in code");
        }
    }
}
