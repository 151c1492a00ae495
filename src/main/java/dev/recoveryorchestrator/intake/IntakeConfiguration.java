package dev.recoveryorchestrator.intake;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Puts the bearer-token check in front of the two webhooks (and nothing else). */
@Configuration
class IntakeConfiguration {

    /** The webhooks' paths; {@code config.ApiAuthenticationFilter} leaves exactly these to this filter. */
    static final String[] WEBHOOKS = {"/api/alerts/alertmanager", "/api/alerts/grafana"};

    @Bean
    FilterRegistrationBean<IntakeAuthenticationFilter> intakeAuthentication(IntakeSettings settings) {
        FilterRegistrationBean<IntakeAuthenticationFilter> registration =
                new FilterRegistrationBean<>(new IntakeAuthenticationFilter(settings));
        registration.setName("intake-authentication");
        registration.addUrlPatterns(WEBHOOKS);
        registration.setOrder(11);
        return registration;
    }
}
