package dev.recoveryorchestrator;

import java.lang.reflect.Proxy;
import java.util.Map;
import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * A plain map behind the engine's {@link VariableScope} for tests of code that only reads and writes variables by
 * name: {@code getVariable} and {@code setVariable} answer, anything else is refused so that a test notices.
 */
public final class MapVariableScope {

    private MapVariableScope() {
    }

    public static VariableScope of(Map<String, Object> values) {
        return (VariableScope) Proxy.newProxyInstance(MapVariableScope.class.getClassLoader(),
                new Class<?>[] {VariableScope.class}, (proxy, method, args) -> {
                    int given = args == null ? 0 : args.length;
                    if (method.getName().equals("getVariable") && given == 1) {
                        return values.get((String) args[0]);
                    }
                    if (method.getName().equals("setVariable") && given == 2) {
                        values.put((String) args[0], args[1]);
                        return null;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
