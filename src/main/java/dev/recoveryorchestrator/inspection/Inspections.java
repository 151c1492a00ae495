package dev.recoveryorchestrator.inspection;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Service;

/**
 * Starts an inspection now ({@code POST /api/inspections/weekly|monthly}), unless one of that kind is running: one at a
 * time, so two never inspect (or drill) the same system at once.
 */
@Service
public class Inspections {

    public static final String WEEKLY = "inspection-weekly";
    public static final String MONTHLY = "inspection-monthly";
    /** The other two processes a responder may start by hand ({@link HandStarts}), keyed here for the shared code. */
    public static final String DAILY_BACKUP = "backup-daily";
    public static final String DRILL = "inspection-drill";
    static final String REPORT_STEP = "Task_Report";

    private final RuntimeService runtime;
    private final HistoryService history;

    Inspections(RuntimeService runtime, HistoryService history) {
        this.runtime = runtime;
        this.history = history;
    }

    static String processKey(String kind) {
        return switch (kind) {
            case "weekly" -> WEEKLY;
            case "monthly" -> MONTHLY;
            default -> throw new IllegalArgumentException("no inspection " + kind);
        };
    }

    static String kindOf(String processKey) {
        return MONTHLY.equals(processKey) ? "monthly" : "weekly";
    }

    /**
     * The inspection of this kind that is still checking, if any: one that has reported ({@code Task_Report}) and only
     * waits for people to act on its findings (days, at most its tasks' lapse) does not hold a new one back.
     */
    Optional<ProcessInstance> running(String kind) {
        return runtime.createProcessInstanceQuery().processDefinitionKey(processKey(kind)).list().stream()
                .filter(instance -> history.createHistoricActivityInstanceQuery().processInstanceId(instance.getId())
                        .activityId(REPORT_STEP).finished().count() == 0)
                .findFirst();
    }

    /** Starts one; empty when one of this kind is already running. */
    synchronized Optional<ProcessInstance> start(String kind, String requestedBy, String note) {
        if (running(kind).isPresent()) {
            return Optional.empty();
        }
        Map<String, Object> variables = new HashMap<>();
        variables.put(InspectionVariables.REQUESTED_BY, requestedBy);
        if (note != null && !note.isBlank()) {
            variables.put(InspectionVariables.NOTE, note);
        }
        return Optional.of(runtime.startProcessInstanceByKey(processKey(kind), variables));
    }
}
