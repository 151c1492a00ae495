package dev.recoveryorchestrator.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recoveryorchestrator.MapVariableScope;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.junit.jupiter.api.Test;

/**
 * The one reader of possibly unset variables. The scope is a plain map behind the engine's interface
 * ({@link MapVariableScope}): what is read, not how the engine stores it, is under test here.
 */
class ProcessVariablesTest {

    private final Map<String, Object> values = new HashMap<>();
    private final VariableScope scope = MapVariableScope.of(values);

    @Test
    void anUnsetVariableReadsAsEmptyOrTheCallersDefault() {
        assertThat(ProcessVariables.text(scope, "missing")).isEmpty();
        assertThat(ProcessVariables.text(scope, "missing", "-")).isEqualTo("-");
        assertThat(ProcessVariables.commaList(scope, "missing")).isEmpty();
        assertThat(ProcessVariables.flag(scope, "missing")).isFalse();
    }

    @Test
    void aSetVariableReadsAsItsTextAsItIs() {
        values.put("count", 42);
        values.put("hostile", "${x} #{x} $(id)\r\n");

        assertThat(ProcessVariables.text(scope, "count", "-")).isEqualTo("42");
        assertThat(ProcessVariables.text(scope, "hostile")).isEqualTo("${x} #{x} $(id)\r\n");
    }

    @Test
    void onlyTheBooleanTrueIsAFlag() {
        values.put("yes", true);
        values.put("no", false);
        values.put("word", "true");

        assertThat(ProcessVariables.flag(scope, "yes")).isTrue();
        assertThat(ProcessVariables.flag(scope, "no")).isFalse();
        assertThat(ProcessVariables.flag(scope, "word")).isFalse();
    }

    @Test
    void aCommaListIsItsPartsAndABlankOneIsNone() {
        values.put("ports", "8000,5173");
        values.put("blank", " ");
        values.put("odd", "a,,${x}");

        assertThat(ProcessVariables.commaList(scope, "ports")).containsExactly("8000", "5173");
        assertThat(ProcessVariables.commaList(scope, "blank")).isEmpty();
        assertThat(ProcessVariables.commaList(scope, "odd")).containsExactly("a", "", "${x}");
    }
}
