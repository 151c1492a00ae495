package dev.recoveryorchestrator.incident;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recoveryorchestrator.EngineTestSupport;
import dev.recoveryorchestrator.HostileValues;
import dev.recoveryorchestrator.TestHttp;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** {@code GET /api/incidents}: paged, filtered by state, type and time, and a 400 naming a bad parameter. */
class IncidentListTest extends EngineTestSupport {

    @Test
    void pagesNewestFirstAndFiltersByStateTypeAndTime() {
        Incident first = open(FailureType.BACKEND_API_DOWN);
        incidents.close(first.id(), "test", "admin");
        ClockUtil.setCurrentTime(Date.from(start.plusSeconds(60)));
        Incident second = open(FailureType.BACKEND_API_DOWN);
        TestHttp api = TestHttp.on(port).as("admin", "admin");
        long total = Long.parseLong(header(api, "/api/incidents?size=1"));

        TestHttp.Response page = api.get("/api/incidents?size=1");
        assertThat(page.json()).hasSize(1);
        assertThat(page.json().get(0).get("id").asText()).isEqualTo(second.id());
        assertThat(page.json().get(0).get("inWords").get("openedAt").asText()).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d");
        assertThat(total).isGreaterThanOrEqualTo(2);
        assertThat(api.get("/api/incidents?size=1&page=1").json().get(0).get("id").asText()).isNotEqualTo(second.id());
        assertThat(api.get("/api/incidents?state=closed&type=1&size=500").json().findValuesAsText("id"))
                .contains(first.id()).doesNotContain(second.id());
        String from = URLEncoder.encode(second.openedAt().toString().replace("Z", "+00:00"), StandardCharsets.UTF_8);
        assertThat(api.get("/api/incidents?from=" + from).json().findValuesAsText("id")).contains(second.id());
        String to = URLEncoder.encode(Instant.parse("2000-01-01T00:00:00Z").toString().replace("Z", "+09:00"),
                StandardCharsets.UTF_8);
        assertThat(api.get("/api/incidents?to=" + to).json()).isEmpty();
        assertThat(api.get("/api/incidents?from=2000-01-01").json().findValuesAsText("id")).contains(second.id());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "state=broken | state", "type=disk-full | type", "type=9 | type", "page=-1 | page", "page=x | page",
            "size=0 | size", "size=501 | size", "size=99999999999 | size", "from=yesterday | from",
            "to=2025-13-01 | to", "from=2025-09-02&to=2025-09-01 | to"})
    void refusesABadParameterNamingIt(String query, String parameter) {
        TestHttp.Response response = TestHttp.on(port).as("admin", "admin").get("/api/incidents?" + query);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("field").asText()).isEqualTo(parameter);
    }

    @Test
    void hostileParametersAreRefusedAsData() {
        TestHttp api = TestHttp.on(port).as("admin", "admin");
        for (String value : new String[] {HostileValues.TEXT, "' or 1=1 --", "${x}", "../..", "x".repeat(10_000)}) {
            String encoded = URLEncoder.encode(value, StandardCharsets.UTF_8);
            assertThat(api.get("/api/incidents?type=" + encoded).status()).isEqualTo(400);
            assertThat(api.get("/api/incidents?from=" + encoded).status()).isEqualTo(400);
        }
    }

    private String header(TestHttp api, String path) {
        try {
            java.net.http.HttpResponse<Void> response = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + path))
                            .header("Authorization", "Basic " + java.util.Base64.getEncoder()
                                    .encodeToString("admin:admin".getBytes(StandardCharsets.UTF_8))).build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding());
            assertThat(response.headers().firstValue("Link")).hasValueSatisfying(link -> assertThat(link)
                    .contains("page=1&size=1", "rel=\"next\""));
            return response.headers().firstValue("X-Total-Count").orElseThrow();
        } catch (java.io.IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
