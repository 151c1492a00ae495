package dev.recoveryorchestrator.inspection;

import dev.recoveryorchestrator.config.EngineClock;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Component;

/**
 * What the inspection models read from configuration, so that they hold no cron, duration or group:
 * {@code ${inspection.weeklyCron()}}, {@code ${inspection.taskDue()}}, {@code ${inspection.group()}}, …
 * Cron timers fire in {@code recovery.time-zone} ({@code config/ZonedCronCalendar}).
 */
@Component("inspection")
public class InspectionModel {

    private final InspectionSettings settings;

    InspectionModel(InspectionSettings settings) {
        this.settings = settings;
    }

    public String weeklyCron() {
        return settings.weeklyCron();
    }

    public String monthlyCron() {
        return settings.monthlyCron();
    }

    public String group() {
        return settings.group();
    }

    /** A task's due date: {@code recovery.inspection.task-due} from now. */
    public Date taskDue() {
        return Date.from(EngineClock.now().plus(settings.taskDue()));
    }

    /** How long a task stays open before it lapses, as ISO-8601. */
    public String taskLapse() {
        return settings.taskLapse().toString();
    }

    public String drillLimit() {
        return settings.drillLimit().toString();
    }

    public boolean drillEnabled() {
        return settings.drillEnabled();
    }

    public String drillType() {
        return settings.drillType();
    }

    /** Whether any check of this inspection did not pass. */
    public boolean anyFailed(DelegateExecution execution) {
        return !InspectionVariables.failedChecks(execution).isEmpty();
    }

    /** The checks of this inspection that did not pass: one task each. */
    public List<String> failedChecks(DelegateExecution execution) {
        return InspectionVariables.failedChecks(execution);
    }
}
