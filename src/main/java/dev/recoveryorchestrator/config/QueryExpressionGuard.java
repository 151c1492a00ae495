package dev.recoveryorchestrator.config;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.AbstractQuery;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.AbstractExecuteFilterCmd;
import org.camunda.bpm.engine.impl.cmd.SaveFilterCmd;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.query.Query;
import org.springframework.stereotype.Component;

/**
 * Keeps expressions that come with a request away from the expression language, at the engine, whatever door the
 * request came through (engine REST, Tasklist's API, Java). Camunda 7.24 evaluates every expression a task query
 * carries, and with {@code enableExpressionsInAdhocQueries=false} it checks only the top level of a query, so
 * that any logged-in user ran code on the server:
 * <ul>
 * <li>through an ad-hoc task query's {@code orQueries} ({@code POST /engine-rest/task}): an or-query is made
 * without the engine's ad-hoc validator, and {@code TaskQueryImpl.ensureOrExpressionsEvaluated} evaluates it;</li>
 * <li>through the <em>extending query</em> of a filter execution ({@code POST /filter/{id}/list|count|singleResult}):
 * {@code AbstractExecuteFilterCmd.getFilter} validates only the extending query's top level, then
 * {@code TaskQueryImpl.extend} copies its or-queries into the stored query, which evaluates them.</li>
 * </ul>
 * This command interceptor refuses, before the command runs, an ad-hoc query and a filter execution whose
 * request-supplied query holds an expression at any level. Only task queries know expressions in 7.24; the top
 * level of any other query is checked as well. Stored filters keep their expressions (Tasklist's
 * {@code ${currentUserGroups()}}): they come from the database, not from the request. Storing a filter with an
 * expression is for Camunda administrators and the application itself only, so that granting a tier
 * {@code CREATE} on filters never turns into the same hole.
 */
@Component
class QueryExpressionGuard extends AbstractProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        CommandInterceptors.addBefore(configuration, new Interceptor(configuration));
    }

    /** Refuses commands that would evaluate an expression supplied with the request. */
    static final class Interceptor extends CommandInterceptor {

        // The engine keeps both fields to itself; read once here so that an engine without them stops the start
        // instead of leaving the hole open.
        private static final Field EXTENDING_QUERY = EngineFields.field(AbstractExecuteFilterCmd.class, "extendingQuery",
                QueryExpressionGuard.class);
        private static final Field SAVED_FILTER = EngineFields.field(SaveFilterCmd.class, "filter",
                QueryExpressionGuard.class);

        private final ProcessEngineConfigurationImpl configuration;

        Interceptor(ProcessEngineConfigurationImpl configuration) {
            this.configuration = configuration;
        }

        @Override
        public <T> T execute(Command<T> command) {
            if (!configuration.isEnableExpressionsInAdhocQueries()) {
                if (command instanceof AbstractQuery<?, ?> query && hasExpressions(query)) {
                    throw new BadUserRequestException("Expressions are forbidden in ad-hoc queries, also inside "
                            + "orQueries (enableExpressionsInAdhocQueries is off)");
                }
                if (command instanceof AbstractExecuteFilterCmd execution
                        && EngineFields.read(EXTENDING_QUERY, execution) instanceof AbstractQuery<?, ?> extending
                        && hasExpressions(extending)) {
                    throw new BadUserRequestException("Expressions are forbidden in the query that extends a filter, "
                            + "also inside orQueries (enableExpressionsInAdhocQueries is off)");
                }
            }
            if (command instanceof SaveFilterCmd save && EngineFields.read(SAVED_FILTER, save) instanceof Filter filter
                    && filter.getQuery() instanceof AbstractQuery<?, ?> stored && hasExpressions(stored)
                    && !mayStoreExpressions(configuration.getIdentityService().getCurrentAuthentication())) {
                throw new AuthorizationException("Only Camunda administrators may save a filter whose query "
                        + "holds expressions");
            }
            return next.execute(command);
        }

        /** Whether the query, or any of its or-queries, carries an expression. */
        static boolean hasExpressions(AbstractQuery<?, ?> query) {
            List<AbstractQuery<?, ?>> parts = new ArrayList<>(List.of(query));
            if (query instanceof TaskQueryImpl task) {
                parts.addAll(task.getQueries());
            }
            return parts.stream().map(AbstractQuery::getExpressions).anyMatch(Interceptor::notEmpty);
        }

        /** The application itself (no authenticated user) and Camunda administrators may. */
        private boolean mayStoreExpressions(Authentication authentication) {
            return authentication == null || EngineAdministrators.isAdministrator(configuration, authentication);
        }

        private static boolean notEmpty(Map<String, String> expressions) {
            return expressions != null && !expressions.isEmpty();
        }
    }
}
