package dev.recoveryorchestrator.config;

import java.util.Arrays;
import java.util.List;
import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * Reading a process variable that may be unset, one way for every {@code *Variables} class and delegate: as text
 * ({@code toString()}, unset being empty or the caller's default), as a flag (only {@code true} is true), or as a
 * list kept in one comma-separated string (Cockpit shows it as it is). What a variable holds may come from a form:
 * it is returned as data, never interpreted.
 */
public final class ProcessVariables {

    private ProcessVariables() {
    }

    /** The variable as text; empty when unset. */
    public static String text(VariableScope scope, String name) {
        return text(scope, name, "");
    }

    /** The variable as text; {@code unset} when it is not set. */
    public static String text(VariableScope scope, String name, String unset) {
        Object value = scope.getVariable(name);
        return value == null ? unset : value.toString();
    }

    /** Whether the variable is the boolean {@code true}; unset or anything else is false. */
    public static boolean flag(VariableScope scope, String name) {
        return Boolean.TRUE.equals(scope.getVariable(name));
    }

    /** The parts of a comma-separated string variable, as they are; none when it is unset or blank. */
    public static List<String> commaList(VariableScope scope, String name) {
        String text = text(scope, name);
        return text.isBlank() ? List.of() : Arrays.stream(text.split(",")).toList();
    }
}
