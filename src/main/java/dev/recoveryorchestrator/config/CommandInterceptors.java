package dev.recoveryorchestrator.config;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;

/** Adds a command interceptor that runs before the engine's own, after those added earlier. */
public final class CommandInterceptors {

    private CommandInterceptors() {
    }

    /** Call from an engine plugin's {@code preInit}. */
    public static void addBefore(ProcessEngineConfigurationImpl configuration, CommandInterceptor interceptor) {
        List<CommandInterceptor> interceptors = new ArrayList<>();
        if (configuration.getCustomPreCommandInterceptorsTxRequired() != null) {
            interceptors.addAll(configuration.getCustomPreCommandInterceptorsTxRequired());
        }
        interceptors.add(interceptor);
        configuration.setCustomPreCommandInterceptorsTxRequired(interceptors);
    }
}
