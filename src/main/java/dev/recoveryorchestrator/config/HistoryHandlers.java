package dev.recoveryorchestrator.config;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;

/**
 * Adds a handler of the engine's history events next to the engine's own (which keeps writing history). The
 * handler must not be a Spring bean itself: the Camunda starter takes a single {@link HistoryEventHandler} bean as
 * one more custom handler, and refuses to start with two.
 */
public final class HistoryHandlers {

    private HistoryHandlers() {
    }

    /** Call from an engine plugin's {@code preInit}. */
    public static void add(ProcessEngineConfigurationImpl configuration, HistoryEventHandler handler) {
        List<HistoryEventHandler> handlers = new ArrayList<>();
        if (configuration.getCustomHistoryEventHandlers() != null) {
            handlers.addAll(configuration.getCustomHistoryEventHandlers());
        }
        handlers.add(handler);
        configuration.setCustomHistoryEventHandlers(handlers);
    }
}
