package dev.recoveryorchestrator.incident;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.recoveryorchestrator.EngineTestSupport;
import dev.recoveryorchestrator.TestHttp;
import dev.recoveryorchestrator.TestHttp.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code /api/incidents} over real HTTP: opening, deduplication, refusal of bad input, authentication. */
class IncidentApiTest extends EngineTestSupport {

    TestHttp api;

    @BeforeEach
    void logIn() {
        api = TestHttp.on(port).as("admin", "admin");
    }

    @Test
    void opensAnIncidentAndAnswersTheSecondRequestWithTheOpenOne() {
        Response first = api.post("/api/incidents",
                "{\"type\":\"backend-api-down\",\"scope\":\"whole\",\"summary\":\"프론트엔드 서버 연결 실패\",\"source\":\"manual\"}");
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        JsonNode opened = first.json();
        assertThat(opened.get("deduplicated").asBoolean()).isFalse();
        assertThat(opened.get("state").asText()).isEqualTo("OPEN");
        assertThat(opened.get("openedBy").asText()).isEqualTo("admin");
        assertThat(opened.get("rtoDeadline").asText()).isNotBlank();
        assertThat(first.location()).endsWith("/api/incidents/" + opened.get("id").asText());

        Response again = api.post("/api/incidents", "{\"type\":\"1\",\"scope\":\"partial\",\"summary\":\"again\"}");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("deduplicated").asBoolean()).isTrue();
        assertThat(again.json().get("id").asText()).isEqualTo(opened.get("id").asText());
        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(IncidentService.LIFECYCLE_PROCESS).count()).isOne();

        Response read = api.get("/api/incidents/" + opened.get("id").asText());
        assertThat(read.json().get("type").asText()).isEqualTo("backend-api-down");
        assertThat(read.json().get("processInstanceId").asText()).isNotBlank();
        Response open = api.get("/api/incidents?state=open");
        assertThat(open.json().findValuesAsText("id")).contains(opened.get("id").asText());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
            "unknown type       | {\"type\":\"disk-full\",\"scope\":\"whole\"}                  | type",
            "missing type       | {\"scope\":\"whole\",\"summary\":\"x\"}                        | type",
            "missing scope      | {\"type\":\"backend-api-down\"}                                 | scope",
            "unknown scope      | {\"type\":\"backend-api-down\",\"scope\":\"everything\"}        | scope",
            "type not text      | {\"type\":{\"id\":1},\"scope\":\"whole\"}                       | type",
            "malformed JSON     | {\"type\":\"backend-api-down\",                                 | body",
            "empty body         | ''                                                              | body",
            "summary too long   | {\"type\":\"1\",\"scope\":\"whole\",\"summary\":\"LONG\"}       | summary",
            "NUL in summary     | {\"type\":\"1\",\"scope\":\"whole\",\"summary\":\"a\\u0000b\"}   | summary",
            "ESC in summary     | {\"type\":\"1\",\"scope\":\"whole\",\"summary\":\"a\\u001b[31mb\"} | summary",
            "bidi in summary    | {\"type\":\"1\",\"scope\":\"whole\",\"summary\":\"a\\u202eb\"}   | summary",
            "CR/LF in source    | {\"type\":\"1\",\"scope\":\"whole\",\"source\":\"a\\r\\nBcc: x\"}   | source",
    })
    void refusesBadInputWithAProblemDetailAndOpensNothing(String name, String body, String field) {
        long incidentsBefore = jdbc.queryForObject("select count(*) from ro_incident", Long.class);
        long instancesBefore = runtime.createProcessInstanceQuery().count();

        Response response = api.post("/api/incidents", body.replace("LONG", "x".repeat(2001)));

        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("field").asText()).isEqualTo(field);
        assertThat(response.json().get("detail").asText()).isNotBlank();
        assertThat(jdbc.queryForObject("select count(*) from ro_incident", Long.class)).isEqualTo(incidentsBefore);
        assertThat(runtime.createProcessInstanceQuery().count()).isEqualTo(instancesBefore);
    }

    @Test
    void refusesAnUnknownStateFilter() {
        Response response = api.get("/api/incidents?state=broken");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("field").asText()).isEqualTo("state");
    }

    @Test
    void answersNotFoundForAnUnknownIncident() {
        assertThat(api.get("/api/incidents/no-such-incident").status()).isEqualTo(404);
    }

    @Test
    void needsBasicAuthenticationButLeavesHealthOpen() {
        TestHttp anonymous = TestHttp.on(port);
        Response refused = anonymous.post("/api/incidents", "{\"type\":\"1\",\"scope\":\"whole\"}");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(jdbc.queryForObject("select count(*) from ro_incident where state = 'OPEN'", Long.class)).isZero();
        assertThat(anonymous.get("/api/incidents").status()).isEqualTo(401);
        assertThat(anonymous.get("/actuator/prometheus").status()).isEqualTo(401);
        assertThat(anonymous.get("/actuator/health").status()).isEqualTo(200);
        assertThat(anonymous.as("someone", "guess").get("/api/incidents").status()).isEqualTo(401);
    }
}
