package dev.recoveryorchestrator.inspection.drill;

import dev.recoveryorchestrator.action.ActionCatalog;
import dev.recoveryorchestrator.action.ActionResult;
import dev.recoveryorchestrator.action.HealthCheckSettings;
import dev.recoveryorchestrator.action.HealthProbe;
import dev.recoveryorchestrator.action.TargetSettings;
import dev.recoveryorchestrator.incident.FailureType;
import dev.recoveryorchestrator.incident.IncidentQuery;
import dev.recoveryorchestrator.incident.IncidentService;
import dev.recoveryorchestrator.incident.IncidentState;
import dev.recoveryorchestrator.incident.ObjectiveSettings;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * What a drill may do and how it breaks the target: the rules that keep a drill away from production and from a
 * target that is already failing, and the configured injection of each failure type.
 */
@Service
class Drills {

    /** What the outcome is called when nothing was wrong with the request but the drill may not run. */
    static final String REFUSED = "REFUSED";
    static final String INJECTION_FAILED = "INJECTION_FAILED";
    static final String RECOVERED = "RECOVERED";
    static final String NOT_RECOVERED = "NOT_RECOVERED";
    /** How an unknown requested type is stored ({@code ro_drill.failure_type}): never the value itself. */
    static final String INVALID_TYPE = "invalid";

    private final DrillSettings settings;
    private final ActionCatalog actions;
    private final IncidentService incidents;
    private final HealthProbe probe;
    private final TargetSettings target;
    private final HealthCheckSettings health;
    private final ObjectiveSettings objectives;
    private final boolean standinEnabled;

    Drills(DrillSettings settings, ActionCatalog actions, IncidentService incidents, HealthProbe probe,
            TargetSettings target, HealthCheckSettings health, ObjectiveSettings objectives,
            @Value("${recovery.standin.enabled:false}") boolean standinEnabled) {
        this.settings = settings;
        this.actions = actions;
        this.incidents = incidents;
        this.probe = probe;
        this.target = target;
        this.health = health;
        this.objectives = objectives;
        this.standinEnabled = standinEnabled;
    }

    /** The failure type named exactly by its id ({@code backend-api-down}); anything else, including 1-5, is none. */
    static Optional<FailureType> type(Object requested) {
        if (!(requested instanceof String text)) {
            return Optional.empty();
        }
        return Arrays.stream(FailureType.values()).filter(type -> type.id().equals(text)).findFirst();
    }

    /**
     * Why this drill may not run now, or empty when it may. Checked before anything changes: a refused drill opens no
     * window, injects nothing and opens no incident.
     */
    Optional<String> refusal(Object requested) {
        Optional<FailureType> type = type(requested);
        if (type.isEmpty()) {
            return Optional.of("훈련 유형이 올바르지 않음: " + shown(requested) + " (backend-api-down, database-unreachable, "
                    + "network-outage, container-failure, model-corruption 중 하나)");
        }
        if (settings.environment() == DrillSettings.Environment.PRODUCTION) {
            return Optional.of("대상 " + target.name() + "은(는) 운영 환경: 훈련은 스탠드인이나 staging으로 설정된 대상에만 함 "
                    + "(recovery.inspection.drill.environment=" + settings.environment().name().toLowerCase() + ")");
        }
        if (settings.environment() == DrillSettings.Environment.STANDIN && !standinEnabled) {
            return Optional.of("recovery.inspection.drill.environment=standin이지만 스탠드인이 꺼져 있음 "
                    + "(recovery.standin.enabled=false): 대상이 스탠드인이 아님");
        }
        String action = settings.injections().get(type.get().id());
        if (action == null || !actions.has(action) || actions.tracked(action)) {
            return Optional.of(type.get().id() + ": 이 환경에는 안전한 장애 주입 방법이 없음 (recovery.inspection.drill.injections."
                    + type.get().id() + (action == null ? " 미설정" : "=" + action + ": 조치가 없거나 백그라운드 조치임") + ")");
        }
        if (!incidents.runbookActive(type.get())) {
            return Optional.of(type.get().id() + ": 런북이 배포되지 않았거나 일시 중지됨");
        }
        long realOpen = incidents.list(new IncidentQuery(Optional.of(IncidentState.OPEN), Optional.empty(),
                Optional.empty(), Optional.empty(), 0, 1, Optional.of(false))).total();
        if (realOpen > 0) {
            return Optional.of("실제 장애 " + realOpen + "건이 열려 있음: 장애 중에는 훈련하지 않음");
        }
        if (incidents.findOpenDrill(type.get()).isPresent()) {
            return Optional.of(type.get().id() + ": 같은 유형의 훈련 장애가 이미 진행 중");
        }
        HealthProbe.Health now = probe.check(target.healthUrl(), health.timeout());
        if (!now.healthy()) {
            return Optional.of("훈련 전 헬스 체크 실패 (" + now.detail() + "): 이미 정상이 아닌 대상은 훈련하지 않음");
        }
        return Optional.empty();
    }

    /** Injects the type's failure with its configured action, here and now (a short action, bounded). */
    ActionResult inject(FailureType type) {
        return actions.run(settings.injections().get(type.id()));
    }

    String injectionOf(FailureType type) {
        return settings.injections().get(type.id());
    }

    HealthProbe.Health targetHealth() {
        return probe.check(target.healthUrl(), health.timeout());
    }

    Duration rtoTarget() {
        return objectives.rto().target();
    }

    /** When a drill gives up on its incident: the RTO acceptable limit after the injection. */
    Duration rtoAcceptable() {
        return objectives.rto().acceptable();
    }

    DrillSettings settings() {
        return settings;
    }

    /** A requested value as a finding shows it: printable characters only, at most 60 of them, quoted. */
    static String shown(Object requested) {
        if (requested == null) {
            return "(없음)";
        }
        String text = requested.toString();
        StringBuilder shown = new StringBuilder("'");
        text.codePoints().limit(60).forEach(c -> shown.appendCodePoint(
                Character.isISOControl(c) || Character.getType(c) == Character.FORMAT ? '?' : c));
        return shown.append(text.codePointCount(0, text.length()) > 60 ? "…'" : "'").toString();
    }
}
