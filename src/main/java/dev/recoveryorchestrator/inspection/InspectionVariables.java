package dev.recoveryorchestrator.inspection;

import dev.recoveryorchestrator.config.ProcessVariables;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * The inspection processes' variables, read and written only here. Results live in {@code ro_inspection_result};
 * the variables hold what the model needs: the kind, the checks that failed (one task each), the table shown on the
 * Cockpit instance, and the DR drill's outputs.
 */
public final class InspectionVariables {

    static final String KIND = "inspectionKind";
    static final String FAILED = "failedChecks";
    static final String TABLE = "inspectionTable";
    static final String SUMMARY = "inspectionSummary";
    static final String REQUESTED_BY = "requestedBy";
    static final String NOTE = "requestNote";
    static final String CHECK = "check";
    /** Camunda keeps a string variable of up to 4000 characters. */
    static final int MAX_TEXT = 3900;

    private InspectionVariables() {
    }

    public static String kind(VariableScope scope) {
        return ProcessVariables.text(scope, KIND, "weekly");
    }

    static List<String> failedChecks(VariableScope scope) {
        return ProcessVariables.commaList(scope, FAILED);
    }

    static void addFailed(VariableScope scope, String check) {
        List<String> failed = new ArrayList<>(failedChecks(scope));
        if (!failed.contains(check)) {
            failed.add(check);
        }
        scope.setVariable(FAILED, String.join(",", failed));
    }

    static String check(VariableScope scope) {
        return (String) scope.getVariable(CHECK);
    }

    static String text(VariableScope scope, String name) {
        return ProcessVariables.text(scope, name, null);
    }

    static void setText(VariableScope scope, String name, String value) {
        scope.setVariable(name, value.length() > MAX_TEXT ? value.substring(0, MAX_TEXT - 1) + "…" : value);
    }
}
