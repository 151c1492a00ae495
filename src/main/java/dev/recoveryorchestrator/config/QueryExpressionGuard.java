package dev.recoveryorchestrator.config;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.springframework.stereotype.Component;

/**
 * Closes a published hole in Camunda 7.24: the engine refuses expressions in ad-hoc queries
 * ({@code enableExpressionsInAdhocQueries=false}) but evaluates those inside a task query's {@code orQueries}, so
 * any logged-in user could run code through {@code POST /engine-rest/task}. An ad-hoc task query reaches the
 * engine as a command of its own; this interceptor refuses it when any of its or-queries holds an expression.
 * Stored filters (Tasklist's, with {@code ${currentUserGroups()}}) run inside the filter commands and are not
 * touched.
 */
@Component
class QueryExpressionGuard extends AbstractProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<CommandInterceptor> interceptors = new ArrayList<>();
        if (configuration.getCustomPreCommandInterceptorsTxRequired() != null) {
            interceptors.addAll(configuration.getCustomPreCommandInterceptorsTxRequired());
        }
        interceptors.add(new Interceptor(configuration));
        configuration.setCustomPreCommandInterceptorsTxRequired(interceptors);
    }

    /** Refuses an ad-hoc task query whose or-queries carry expressions, unless expressions are allowed. */
    static final class Interceptor extends CommandInterceptor {

        private final ProcessEngineConfigurationImpl configuration;

        Interceptor(ProcessEngineConfigurationImpl configuration) {
            this.configuration = configuration;
        }

        @Override
        public <T> T execute(Command<T> command) {
            if (command instanceof TaskQueryImpl query && !configuration.isEnableExpressionsInAdhocQueries()
                    && query.getQueries().stream().anyMatch(part -> !part.getExpressions().isEmpty())) {
                throw new BadUserRequestException("Expressions are forbidden in ad-hoc queries, "
                        + "also inside orQueries (enableExpressionsInAdhocQueries is off)");
            }
            return next.execute(command);
        }
    }
}
