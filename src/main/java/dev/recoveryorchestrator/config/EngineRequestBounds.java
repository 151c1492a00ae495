package dev.recoveryorchestrator.config;

import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Registers {@link EngineRequestBoundFilter} before the engine's and the webapps' authentication. */
@Configuration
class EngineRequestBounds {

    @Bean
    FilterRegistrationBean<EngineRequestBoundFilter> engineRequestBound(EngineRequestSettings settings,
            CamundaBpmProperties camunda) {
        String webappPath = camunda.getWebapp().getApplicationPath().replaceAll("/+$", "");
        FilterRegistrationBean<EngineRequestBoundFilter> registration =
                new FilterRegistrationBean<>(new EngineRequestBoundFilter(settings.maxBody().toBytes()));
        registration.setName("engine-request-bound");
        registration.addUrlPatterns("/engine-rest/*", webappPath + "/api/*");
        registration.setOrder(4);
        return registration;
    }
}
