package dev.recoveryorchestrator.observe;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document of {@code /api} ({@code GET /api/openapi}, for logged-in users like every {@code /api} route).
 * springdoc reads the controllers; this adds what it cannot see: HTTP Basic against the Camunda users (the alert
 * webhooks take the intake's bearer token instead), and the problem details ({@code application/problem+json},
 * RFC 9457) each route answers on error: 400 (bad input, naming the {@code field}), 401, 403, 404 where the path names
 * something, 409 where a state can refuse, 429 (too many failed logins), 503 with {@code Retry-After} (the database is
 * unreachable).
 */
@Configuration
class ApiDocumentation {

    static final String PROBLEM = "Problem";

    @Bean
    OpenAPI recoveryApi() {
        return new OpenAPI()
                .info(new Info().title("Recovery Orchestrator API").version("1")
                        .description("Incidents, alerts, maintenance windows and inspections of the Recovery Orchestrator"))
                .components(new Components()
                        .addSecuritySchemes("basic", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")
                                .description("A Camunda user"))
                        .addSecuritySchemes("intake", new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("bearer").description("recovery.intake.token (alert webhooks only)"))
                        .addSchemas(PROBLEM, problemSchema()))
                .addSecurityItem(new SecurityRequirement().addList("basic"));
    }

    @Bean
    OpenApiCustomizer problemDetailsOfEachRoute() {
        return api -> {
            // here too: springdoc rebuilds the components from what it scanned, dropping one only the bean declared
            if (api.getComponents() == null) {
                api.setComponents(new Components());
            }
            api.getComponents().addSchemas(PROBLEM, problemSchema());
            api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
            add(operation, "400", "Bad input; `field` names the input at fault; nothing was stored");
            add(operation, "401", "No or wrong HTTP Basic credentials");
            add(operation, "403", "The user may not do this");
            add(operation, "429", "Too many failed logins from this client");
            add(operation, "503", "The database is unreachable; try again after Retry-After");
            if (path.contains("{")) {
                add(operation, "404", "Nothing with that id");
            }
            if (method != PathItem.HttpMethod.GET) {
                add(operation, "409", "The state refuses it (for example an incident no longer open)");
            }
            if (path.startsWith("/api/alerts/alertmanager") || path.startsWith("/api/alerts/grafana")) {
                operation.setSecurity(java.util.List.of(new SecurityRequirement().addList("intake")));
            }
            }));
        };
    }

    private static void add(Operation operation, String status, String description) {
        if (operation.getResponses() == null) {
            operation.setResponses(new io.swagger.v3.oas.models.responses.ApiResponses());
        }
        ApiResponse response = operation.getResponses().computeIfAbsent(status,
                absent -> new ApiResponse().description(description));
        if (response.getContent() == null) {
            response.setContent(new Content());
        }
        response.getContent().addMediaType("application/problem+json",
                new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM)));
    }

    @SuppressWarnings("rawtypes")
    private static Schema problemSchema() {
        return new ObjectSchema().description("RFC 9457 problem details")
                .properties(Map.of(
                        "type", new StringSchema(),
                        "title", new StringSchema(),
                        "status", new IntegerSchema(),
                        "detail", new StringSchema(),
                        "instance", new StringSchema(),
                        "field", new StringSchema().description("the input at fault (400)")));
    }
}
