package dev.recoveryorchestrator.runbook.databaseunreachable;

import dev.recoveryorchestrator.action.ActionResult;
import dev.recoveryorchestrator.action.RecoveryAction;
import dev.recoveryorchestrator.incident.IncidentService;
import java.io.IOException;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * Type 2's temporary measure and last resort, usable on its own: {@code read_only_mode: true} in
 * {@code predictor_config.yaml} (predictions keep working, nothing is saved). Also the built-in action
 * {@value #ACTION} (no incident: for the RTO fallback or a person), which only switches the line — the service reads
 * it at start, so a restart ({@code restart-backend}, tracked) must follow.
 */
@Component
public class ReadOnlyMode implements RecoveryAction {

    public static final String ACTION = "enable-read-only-mode";
    /** What the incident shows while it is on. */
    public static final String MEASURE = "읽기 전용 모드 (read_only_mode: true)";
    static final String STEP_ON = "읽기 전용 모드 전환";
    static final String STEP_OFF = "읽기 전용 모드 해제";
    private final DatabaseChecks checks;
    private final IncidentService incidents;

    ReadOnlyMode(DatabaseChecks checks, IncidentService incidents) {
        this.checks = checks;
        this.incidents = incidents;
    }

    /**
     * Switches read-only mode on for the incident and shows it there. Returns whether this switched it on (false:
     * it was on already, or the file could not be changed — the timeline says which).
     */
    public boolean enable(String incidentId) {
        try {
            boolean changed = ReadOnlyModeFile.set(checks.predictorConfig(), true);
            if (changed) {
                incidents.temporaryMeasure(incidentId, STEP_ON, MEASURE, STEP_ON + ": " + checks.predictorConfig()
                        + " read_only_mode: true (예측은 계속, 저장 중지). 데이터베이스 확인 후 해제.");
            } else {
                incidents.note(incidentId, STEP_ON, STEP_ON + ": 이미 read_only_mode: true (이 장애가 켜지 않았으므로 자동으로 해제하지 않음)");
            }
            return changed;
        } catch (IOException | RuntimeException e) {
            incidents.note(incidentId, STEP_ON, STEP_ON + " 실패: " + e.getClass().getSimpleName() + ": " + e.getMessage());
            return false;
        }
    }

    /** Switches read-only mode off again and clears it from the incident; false when the file could not be changed. */
    public boolean disable(String incidentId) {
        try {
            ReadOnlyModeFile.set(checks.predictorConfig(), false);
            incidents.temporaryMeasure(incidentId, STEP_OFF, null, STEP_OFF + ": " + checks.predictorConfig()
                    + " read_only_mode: false");
            return true;
        } catch (IOException | RuntimeException e) {
            incidents.note(incidentId, STEP_OFF, STEP_OFF + " 실패: " + e.getClass().getSimpleName() + ": " + e.getMessage());
            return false;
        }
    }

    @Override
    public String name() {
        return ACTION;
    }

    @Override
    public ActionResult run() {
        try {
            boolean changed = ReadOnlyModeFile.set(checks.predictorConfig(), true);
            return new ActionResult(ACTION, true, 0, checks.predictorConfig() + (changed ? ": read_only_mode: true"
                    : ": already read_only_mode: true"));
        } catch (IOException | RuntimeException e) {
            return new ActionResult(ACTION, false, -1, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** A small file (a few KB) read and rewritten in its folder: well under half a second. */
    @Override
    public Duration timeout() {
        return Duration.ofMillis(500);
    }
}
