package dev.recoveryorchestrator.observe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.recoveryorchestrator.EngineTestSupport;
import dev.recoveryorchestrator.TestHttp;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The OpenAPI document of {@code /api}: only for logged-in users, and complete: every {@code /api} route the
 * application really serves (read from Spring's own handler mapping, so a new controller method cannot be forgotten)
 * is in it with its method, and each operation names the problem details it answers on error.
 */
class ApiDocumentationTest extends EngineTestSupport {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void everyApiRouteIsDocumentedWithItsProblemDetails() {
        assertThat(TestHttp.on(port).get("/api/openapi").status()).as("no login").isEqualTo(401);
        TestHttp.Response response = TestHttp.on(port).as("devops1", "demo").get("/api/openapi");
        assertThat(response.status()).isEqualTo(200);
        JsonNode paths = response.json().get("paths");

        List<String> routes = new ArrayList<>();
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (String pattern : info.getPatternValues()) {
                if (pattern.startsWith("/api/") && !pattern.startsWith("/api/openapi")) {
                    for (RequestMethod method : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
                        routes.add(method.name().toLowerCase(Locale.ROOT) + " " + pattern);
                    }
                }
            }
        }
        assertThat(routes).as("the application serves /api routes").hasSizeGreaterThan(5)
                .contains("post /api/incidents/{id}/acknowledge");

        List<String> missing = routes.stream().filter(route -> {
            String[] parts = route.split(" ", 2);
            return !paths.has(parts[1]) || !paths.get(parts[1]).has(parts[0]);
        }).toList();
        assertThat(missing).as("routes missing from the document").isEmpty();
        for (String route : routes) {
            String[] parts = route.split(" ", 2);
            JsonNode responses = paths.get(parts[1]).get(parts[0]).get("responses");
            assertThat(responses.get("400").get("content").has("application/problem+json")).as(route).isTrue();
            assertThat(responses.has("401")).as(route).isTrue();
        }
        assertThat(response.json().path("components").path("schemas").has(ApiDocumentation.PROBLEM))
                .as("the problem schema the error responses refer to").isTrue();
    }
}
