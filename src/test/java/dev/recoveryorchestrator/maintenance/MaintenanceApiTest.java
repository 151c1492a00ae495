package dev.recoveryorchestrator.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recoveryorchestrator.EngineTestSupport;
import dev.recoveryorchestrator.HostileValues;
import dev.recoveryorchestrator.TestHttp;
import dev.recoveryorchestrator.TestHttp.Response;
import dev.recoveryorchestrator.config.EngineClock;
import dev.recoveryorchestrator.incident.FailureType;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;

/** {@code /api/maintenance} over HTTP: who may use it, what a window must say, and text kept as data. */
class MaintenanceApiTest extends EngineTestSupport {

    @Autowired
    IdentityService identity;

    @Autowired
    MaintenanceGate maintenance;

    @AfterEach
    void forgetWindows() {
        jdbc.update("delete from ro_maintenance_event");
        jdbc.update("delete from ro_maintenance");
        if (identity.createUserQuery().userId("reader1").count() > 0) {
            identity.deleteUser("reader1");
        }
    }

    @Test
    void respondersDeclareAndListWindowsOthersMayNot() {
        identity.saveUser(userNamed("reader1"));
        TestHttp reader = TestHttp.on(port).as("reader1", "reader-password");
        String body = "{\"types\":[\"1\",\"container-failure\"],\"end\":\"" + Instant.now().plus(Duration.ofHours(2))
                + "\",\"reason\":\"" + HostileValues.TEXT.replace("\\", "\\\\") + "\"}";

        assertThat(reader.post("/api/maintenance", body).status()).isEqualTo(403);
        assertThat(reader.get("/api/maintenance").status()).isEqualTo(403);
        assertThat(TestHttp.on(port).get("/api/maintenance").status()).isEqualTo(401);
        assertThat(jdbc.queryForObject("select count(*) from ro_maintenance", Integer.class)).isZero();

        Response declared = TestHttp.on(port).as("devops1", "demo").post("/api/maintenance", body);
        assertThat(declared.status()).as(declared.body()).isEqualTo(201);
        assertThat(declared.json().get("types").toString()).isEqualTo("[\"backend-api-down\",\"container-failure\"]");
        assertThat(declared.json().get("reason").asText()).isEqualTo(HostileValues.TEXT);
        assertThat(declared.json().get("createdBy").asText()).isEqualTo("devops1");
        assertThat(declared.json().get("state").asText()).isEqualTo("ACTIVE");
        assertThat(TestHttp.on(port).as("admin", "admin").get("/api/maintenance").json().findValuesAsText("id"))
                .containsExactly(declared.json().get("id").asText());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
            "no body          | ''                                                             | body",
            "no end           | {\"reason\":\"x\"}                                             | end",
            "end not a time   | {\"end\":\"$(id)\",\"reason\":\"x\"}                           | end",
            "end in the past  | {\"end\":\"2020-01-01T00:00:00Z\",\"reason\":\"x\"}            | end",
            "too long         | {\"end\":\"2999-01-01T00:00:00Z\",\"reason\":\"x\"}            | end",
            "no reason        | {\"end\":\"FUTURE\"}                                            | reason",
            "NUL in reason    | {\"end\":\"FUTURE\",\"reason\":\"a\\u0000b\"}                   | reason",
            "CR/LF in target  | {\"end\":\"FUTURE\",\"reason\":\"x\",\"target\":\"a\\r\\nb\"}    | target",
            "unknown type     | {\"end\":\"FUTURE\",\"reason\":\"x\",\"types\":[\"disk-full\"]} | types",
            "start not a time | {\"start\":\"${x}\",\"end\":\"FUTURE\",\"reason\":\"x\"}          | start",
            "start in the past| {\"start\":\"2020-01-01T00:00:00Z\",\"end\":\"FUTURE\",\"reason\":\"x\"} | start",
            "start too far    | {\"start\":\"2999-01-01T00:00:00Z\",\"end\":\"2999-01-02T00:00:00Z\",\"reason\":\"x\"} | start",
            "types not text   | {\"end\":\"FUTURE\",\"reason\":\"x\",\"types\":[\"$(id)\"]}      | types",
            "reason 100 KB    | {\"end\":\"FUTURE\",\"reason\":\"HUNDRED_KB\"}                     | reason",
    })
    void badWindowsGetAProblemDetailAndStoreNothing(String name, String body, String field) {
        Response response = TestHttp.on(port).as("devops1", "demo").post("/api/maintenance",
                body.replace("FUTURE", EngineClock.now().plus(Duration.ofHours(1)).toString())
                        .replace("HUNDRED_KB", "x".repeat(100_000)));

        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.json().get("field").asText()).isEqualTo(field);
        assertThat(jdbc.queryForObject("select count(*) from ro_maintenance", Integer.class)).isZero();
    }

    @Test
    void onlyTheConfiguredGroupsDeclareOrEndAWindow() {
        TestHttp backend = TestHttp.on(port).as("backend1", "demo");
        String body = "{\"end\":\"" + EngineClock.now().plus(Duration.ofHours(2)) + "\",\"reason\":\"배포\"}";

        Response refused = backend.post("/api/maintenance", body);
        assertThat(refused.status()).as("a responder, but not in recovery.maintenance.declarers").isEqualTo(403);
        assertThat(jdbc.queryForObject("select count(*) from ro_maintenance", Integer.class)).isZero();

        String id = TestHttp.on(port).as("devops1", "demo").post("/api/maintenance", body).json().get("id").asText();
        assertThat(backend.delete("/api/maintenance/" + id).status()).isEqualTo(403);
        assertThat(TestHttp.on(port).delete("/api/maintenance/" + id).status()).isEqualTo(401);
        assertThat(TestHttp.on(port).as("devops1", "demo").get("/api/maintenance").json().get(0).get("state").asText())
                .isEqualTo("ACTIVE");
    }

    @Test
    void aWindowEndsEarlyByDeleteAndKeepsWhoEndedItAndWhen() {
        TestHttp devops = TestHttp.on(port).as("devops1", "demo");
        TestHttp cto = TestHttp.on(port).as("cto1", "demo");
        Instant now = EngineClock.now();
        String active = devops.post("/api/maintenance", "{\"end\":\"" + now.plus(Duration.ofHours(2))
                + "\",\"reason\":\"배포\"}").json().get("id").asText();
        String planned = devops.post("/api/maintenance", "{\"start\":\"" + now.plus(Duration.ofDays(1)) + "\",\"end\":\""
                + now.plus(Duration.ofDays(1).plusHours(2)) + "\",\"reason\":\"내일 배포\"}").json().get("id").asText();

        Response ended = cto.delete("/api/maintenance/" + active);
        assertThat(ended.status()).as(ended.body()).isEqualTo(200);
        assertThat(ended.json().get("state").asText()).isEqualTo("ENDED");
        assertThat(ended.json().get("endedBy").asText()).isEqualTo("cto1");
        assertThat(devops.delete("/api/maintenance/" + planned).json().get("state").asText())
                .as("a planned window never begins").isEqualTo("ENDED");

        JsonNode listed = devops.get("/api/maintenance").json();
        assertThat(listed.findValuesAsText("state")).containsOnly("ENDED");
        assertThat(listed.findValuesAsText("endedBy")).containsExactlyInAnyOrder("cto1", "devops1");
        assertThat(listed.findValuesAsText("endedAt")).hasSize(2);
        assertThat(cto.delete("/api/maintenance/" + active).status()).as("already ended").isEqualTo(409);
        assertThat(maintenance.covering(FailureType.BACKEND_API_DOWN)).as("nothing silenced any more").isEmpty();
    }

    @Test
    void hostileWindowIdsFindNothingAndChangeNothing() {
        TestHttp devops = TestHttp.on(port).as("devops1", "demo");
        String id = devops.post("/api/maintenance", "{\"end\":\"" + EngineClock.now().plus(Duration.ofHours(2))
                + "\",\"reason\":\"배포\"}").json().get("id").asText();

        for (String hostile : new String[] {"${x}", "#{x}", "$(id)", "; id", "..%2F..", "%0D%0Ax", "a%00b", "x".repeat(100_000),
                "' or '1'='1"}) {
            Response response = devops.delete("/api/maintenance/" + hostile.replace(" ", "%20").replace("'", "%27")
                    .replace("{", "%7B").replace("}", "%7D").replace(";", "%3B").replace("$", "%24").replace("#", "%23"));
            assertThat(response.status()).as(hostile.length() > 50 ? "100 KB" : hostile).isBetween(400, 499);
        }
        JsonNode listed = devops.get("/api/maintenance").json();
        assertThat(listed.findValuesAsText("id")).as("the one window, unchanged").containsExactly(id);
        assertThat(listed.get(0).get("state").asText()).isEqualTo("ACTIVE");
    }

    private org.camunda.bpm.engine.identity.User userNamed(String id) {
        org.camunda.bpm.engine.identity.User user = identity.newUser(id);
        user.setPassword("reader-password");
        return user;
    }
}
