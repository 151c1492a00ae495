package dev.recoveryorchestrator.config;

import java.lang.reflect.Field;

/**
 * The engine-internal fields the guards read (a command's filter, its user, the failed-job listener's collector):
 * Camunda keeps them to itself. Each is looked up once, when its guard's class loads, so that an engine version
 * without it stops the start instead of leaving a hole open.
 */
final class EngineFields {

    private EngineFields() {
    }

    static Field field(Class<?> type, String name, Class<?> guard) {
        try {
            Field field = type.getDeclaredField(name);
            field.setAccessible(true);
            return field;
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(guard.getSimpleName() + " does not know this Camunda version: "
                    + type.getName() + " has no field " + name, e);
        }
    }

    static Object read(Field field, Object command) {
        try {
            return field.get(command);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
