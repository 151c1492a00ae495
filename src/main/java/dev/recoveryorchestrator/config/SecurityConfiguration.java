package dev.recoveryorchestrator.config;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Who may call what. The webapps have Camunda's own login. {@code /engine-rest/*} gets Camunda's Basic
 * authentication filter (the REST starter registers none, leaving the engine open); {@code /api/*} and the
 * actuator get ours, against the same users. Authorization checks are on (camunda.bpm.authorization.enabled).
 * Before any of them, a client that failed too many logins gets a 429 ({@link LoginThrottleFilter}), and a
 * state-changing {@code /api} request from another site's page or without JSON is refused
 * ({@link CrossSiteRequestFilter}); before all, a request that fails because the database is unreachable gets a 503
 * with Retry-After ({@link DatabaseUnavailableFilter}).
 */
@Configuration
class SecurityConfiguration {

    /** First of all: a request that fails because the database is unreachable gets a 503 with Retry-After. */
    @Bean
    FilterRegistrationBean<DatabaseUnavailableFilter> databaseUnavailable() {
        FilterRegistrationBean<DatabaseUnavailableFilter> registration =
                new FilterRegistrationBean<>(new DatabaseUnavailableFilter());
        registration.setName("database-unavailable");
        registration.addUrlPatterns("/*");
        registration.setOrder(1);
        return registration;
    }

    @Bean
    FilterRegistrationBean<LoginThrottleFilter> loginThrottling(LoginThrottle throttle, CamundaBpmProperties camunda) {
        String webappPath = camunda.getWebapp().getApplicationPath().replaceAll("/+$", "");
        FilterRegistrationBean<LoginThrottleFilter> registration =
                new FilterRegistrationBean<>(new LoginThrottleFilter(throttle, webappPath));
        registration.setName("login-throttling");
        registration.addUrlPatterns("/api/*", "/actuator/*", "/engine-rest/*", webappPath + "/api/*");
        registration.setOrder(5);
        return registration;
    }

    @Bean
    FilterRegistrationBean<CrossSiteRequestFilter> crossSiteRefusal(CrossSiteSettings settings) {
        FilterRegistrationBean<CrossSiteRequestFilter> registration =
                new FilterRegistrationBean<>(new CrossSiteRequestFilter(settings));
        registration.setName("cross-site-refusal");
        registration.addUrlPatterns("/api/*");
        registration.setOrder(8);
        return registration;
    }

    @Bean
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthentication() {
        FilterRegistrationBean<ProcessEngineAuthenticationFilter> registration =
                new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
        registration.setName("engine-rest-authentication");
        registration.addInitParameter("authentication-provider", HttpBasicAuthenticationProvider.class.getName());
        registration.addUrlPatterns("/engine-rest/*");
        registration.setOrder(10);
        return registration;
    }

    @Bean
    FilterRegistrationBean<ApiAuthenticationFilter> apiAuthentication(IdentityService identity,
            @org.springframework.beans.factory.annotation.Value("${recovery.metrics.scrape-group:metrics}") String scrapeGroup) {
        FilterRegistrationBean<ApiAuthenticationFilter> registration =
                new FilterRegistrationBean<>(new ApiAuthenticationFilter(identity, scrapeGroup));
        registration.setName("api-authentication");
        registration.addUrlPatterns("/api/*", "/actuator/*");
        registration.setOrder(11);
        return registration;
    }
}
