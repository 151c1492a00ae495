package dev.recoveryorchestrator.config;

import jakarta.servlet.http.HttpServletRequest;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.CheckPassword;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Counts every failed password check made for an HTTP request against that request's client
 * ({@link LoginThrottle}), whichever way it came (Basic on {@code /api} or {@code /engine-rest}, the webapps' login,
 * {@code /identity/verify}, a password change). A check for a client that must wait is answered "wrong" without
 * looking at the password: {@link LoginThrottleFilter} already answers 429 on the ways in it knows, and this keeps
 * the others from guessing on. Checks outside an HTTP request (the application itself) are not counted.
 */
@Component
class LoginThrottlePlugin extends AbstractProcessEnginePlugin {

    private final LoginThrottle throttle;

    LoginThrottlePlugin(LoginThrottle throttle) {
        this.throttle = throttle;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        CommandInterceptors.addBefore(configuration, new Interceptor(throttle));
    }

    /** Counts failed {@link CheckPassword} commands per client; skips the check for a client that must wait. */
    static final class Interceptor extends CommandInterceptor {

        private final LoginThrottle throttle;

        Interceptor(LoginThrottle throttle) {
            this.throttle = throttle;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T execute(Command<T> command) {
            String client = command instanceof CheckPassword ? currentClient() : null;
            if (client == null) {
                return next.execute(command);
            }
            if (throttle.retryAfter(client).isPresent()) {
                return (T) Boolean.FALSE;
            }
            T valid = next.execute(command);
            if (!Boolean.TRUE.equals(valid)) {
                throttle.recordFailure(client);
            }
            return valid;
        }

        private String currentClient() {
            if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
                HttpServletRequest request = attributes.getRequest();
                return throttle.clientOf(request);
            }
            return null;
        }
    }
}
