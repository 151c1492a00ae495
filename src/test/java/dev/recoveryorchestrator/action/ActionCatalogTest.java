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

    private ActionCatalog catalog(Map<String, Action> configured) {
        return new ActionCatalog(new ActionSettings(configured), new CommandRunner(),
                List.of(restartInCode, rollbackInCode));
    }

    private Action command(String... command) {
        return new Action(List.of(new Step(List.of(command), Set.of(0), false, null)), folder, Duration.ofSeconds(20),
                Map.of());
    }

    /** An action written in code, as the stand-in's restart is; it only counts its runs. */
    private static final class CountingAction implements RecoveryAction {

        private final String name;
        int runs;

        CountingAction(String name) {
            this.name = name;
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
