package dev.recoveryorchestrator.standin;

import dev.recoveryorchestrator.action.ActionResult;
import dev.recoveryorchestrator.action.CommandSettings;
import dev.recoveryorchestrator.action.RecoveryAction;
import dev.recoveryorchestrator.config.TimeZoneSettings;
import dev.recoveryorchestrator.action.TargetProcess;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The demo's target: the stand-in process, and the two actions the Type 1 runbook asks for when the target is
 * the stand-in — restart it, and roll it back (restart it reporting the stable version).
 */
@Configuration
@ConditionalOnProperty(name = "recovery.standin.enabled", havingValue = "true")
class StandinConfiguration {

    @Bean
    StandinSupervisor standinSupervisor(StandinSettings settings, TimeZoneSettings zone, CommandSettings commands) {
        return new StandinSupervisor(settings, zone.timeZone(), commands.inheritEnv());
    }

    /** The monitor's process watch follows the stand-in the supervisor runs (monitor/ProcessWatch). */
    @Bean
    TargetProcess standinProcess(StandinSupervisor supervisor) {
        return supervisor::process;
    }

    @Bean
    RecoveryAction restartStandin(StandinSupervisor supervisor, StandinSettings settings) {
        return action("restart-backend", settings, () -> supervisor.restart(settings.version(), "restart-backend"));
    }

    @Bean
    RecoveryAction rollbackStandin(StandinSupervisor supervisor, StandinSettings settings) {
        return action("rollback-backend", settings, () -> supervisor.restart(settings.stableVersion(), "rollback-backend"));
    }

    /** Type 4's {@code docker compose down} in the demo: the stand-in plays the compose project. */
    @Bean
    RecoveryAction composeDownStandin(StandinSupervisor supervisor, StandinSettings settings) {
        return action("compose-down", settings, () -> supervisor.halt("compose-down"));
    }

    /** Type 4's rebuild without cache and {@code up -d} in the demo: the stand-in started again. */
    @Bean
    RecoveryAction composeRebuildStandin(StandinSupervisor supervisor, StandinSettings settings) {
        return action("compose-rebuild", settings, () -> supervisor.restart(settings.version(), "compose-rebuild"));
    }

    /** Type 4's last resort in the demo: the stand-in started again reporting the stable version. */
    @Bean
    RecoveryAction rebuildLastKnownGoodStandin(StandinSupervisor supervisor, StandinSettings settings) {
        return action("rebuild-last-known-good", settings, () -> supervisor.restart(settings.stableVersion(),
                "rebuild-last-known-good"));
    }

    /** A DR drill's Type 1 injection in the demo (inspection-drill): the stand-in killed as {@code kill -9} would. */
    @Bean
    RecoveryAction killStandin(StandinSupervisor supervisor, StandinSettings settings) {
        return inline("kill-backend", settings.startTimeout(), () -> supervisor.kill("kill-backend", settings.startTimeout()));
    }

    /** A DR drill's Type 2 injection in the demo: the {@code damage-database} switch, waited for. */
    @Bean
    RecoveryAction damageStandinDatabase(StandinSupervisor supervisor, StandinSettings settings) {
        return inline("damage-database", switchWait(settings), () -> supervisor.damage("damage-database",
                switchWait(settings)));
    }

    /** A DR drill's Type 5 injection in the demo: the {@code damage-model} switch, waited for. */
    @Bean
    RecoveryAction damageStandinModel(StandinSupervisor supervisor, StandinSettings settings) {
        return inline("damage-model", switchWait(settings), () -> supervisor.damage("damage-model", switchWait(settings)));
    }

    /** The stand-in looks at its switches every switch-interval: a few of those, and a second for the damage itself. */
    private static java.time.Duration switchWait(StandinSettings settings) {
        return settings.switchInterval().multipliedBy(4).plusSeconds(1);
    }

    /** A short action a job may run inline: bounded by {@code timeout} (plus a margin for the JVM's own pauses). */
    private static RecoveryAction inline(String name, java.time.Duration timeout,
            java.util.function.Supplier<ActionResult> run) {
        return new RecoveryAction() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public ActionResult run() {
                return run.get();
            }

            @Override
            public java.time.Duration timeout() {
                return timeout.plusSeconds(1);
            }
        };
    }

    /**
     * A restart kills the stand-in (SIGKILL, at once) and waits up to its start timeout for the new one to listen:
     * twice that timeout bounds it.
     */
    private static RecoveryAction action(String name, StandinSettings settings, java.util.function.Supplier<ActionResult> run) {
        return new RecoveryAction() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public ActionResult run() {
                return run.get();
            }

            @Override
            public java.time.Duration timeout() {
                return settings.startTimeout().multipliedBy(2);
            }

            /** Like the real restart and rollback, the stand-in's run only through {@code run-action}. */
            @Override
            public boolean tracked() {
                return true;
            }
        };
    }
}
