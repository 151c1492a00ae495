package dev.recoveryorchestrator.inspection.drill;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recoveryorchestrator.EngineTestSupport;
import dev.recoveryorchestrator.action.ActionCatalog;
import dev.recoveryorchestrator.action.HealthCheckSettings;
import dev.recoveryorchestrator.action.HealthProbe;
import dev.recoveryorchestrator.action.TargetSettings;
import dev.recoveryorchestrator.incident.ObjectiveSettings;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Which targets a drill may break, decided before anything changes: with the application's own beans (the real
 * stand-in answering, the real action catalog) and the drill settings an operator could write.
 */
class DrillRefusalTest extends EngineTestSupport {

    private static final Map<String, String> INJECTIONS = Map.of("backend-api-down", "kill-backend");

    @Autowired
    ActionCatalog actions;
    @Autowired
    HealthProbe probe;
    @Autowired
    TargetSettings target;
    @Autowired
    HealthCheckSettings health;
    @Autowired
    ObjectiveSettings objectives;

    @Test
    void aProductionTargetIsNeverDrilledWhateverElseIsConfigured() {
        long pid = standin.process().orElseThrow().pid();

        assertThat(drills(DrillSettings.Environment.PRODUCTION, true).refusal("backend-api-down")).get().asString()
                .contains("운영 환경", "recovery.inspection.drill.environment=production");
        assertThat(standin.process().orElseThrow().pid()).as("nothing injected").isEqualTo(pid);
    }

    @Test
    void theStandinEnvironmentNeedsTheStandinRunningUnderUs() {
        assertThat(drills(DrillSettings.Environment.STANDIN, false).refusal("backend-api-down")).get().asString()
                .contains("recovery.standin.enabled=false");
    }

    @Test
    void aStagingTargetMayBeDrilledWhenItIsHealthyAndTheTypeHasAnInjection() throws Exception {
        Drills staging = drills(DrillSettings.Environment.STAGING, false);

        assertThat(staging.refusal("backend-api-down")).isEmpty();
        assertThat(staging.refusal("model-corruption")).get().asString()
                .contains("안전한 장애 주입 방법이 없음", "injections.model-corruption 미설정");
        breakStandin();
        assertThat(staging.refusal("backend-api-down")).get().asString().contains("훈련 전 헬스 체크 실패");
    }

    @Test
    void anInjectionMustBeAShortActionThatExists() {
        DrillSettings settings = new DrillSettings(DrillSettings.Environment.STAGING,
                Map.of("backend-api-down", "restart-backend", "model-corruption", "no-such-action"), "restart-backend",
                java.time.Duration.ofSeconds(5), java.time.Duration.ofMinutes(5));
        Drills drills = new Drills(settings, actions, incidents, probe, target, health, objectives, false);

        assertThat(drills.refusal("backend-api-down")).get().asString().contains("restart-backend: 조치가 없거나 백그라운드 조치임");
        assertThat(drills.refusal("model-corruption")).get().asString().contains("no-such-action");
    }

    private Drills drills(DrillSettings.Environment environment, boolean standinEnabled) {
        DrillSettings settings = new DrillSettings(environment, INJECTIONS, "restart-backend",
                java.time.Duration.ofSeconds(5), java.time.Duration.ofMinutes(5));
        return new Drills(settings, actions, incidents, probe, target, health, objectives, standinEnabled);
    }
}
