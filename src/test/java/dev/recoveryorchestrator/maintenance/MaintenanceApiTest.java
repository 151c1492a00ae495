package dev.recoveryorchestrator.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recoveryorchestrator.EngineTestSupport;
import dev.recoveryorchestrator.HostileValues;
import dev.recoveryorchestrator.TestHttp;
import dev.recoveryorchestrator.TestHttp.Response;
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
    })
    void badWindowsGetAProblemDetailAndStoreNothing(String name, String body, String field) {
        Response response = TestHttp.on(port).as("devops1", "demo").post("/api/maintenance",
                body.replace("FUTURE", Instant.now().plus(Duration.ofHours(1)).toString()));

        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.json().get("field").asText()).isEqualTo(field);
        assertThat(jdbc.queryForObject("select count(*) from ro_maintenance", Integer.class)).isZero();
    }

    private org.camunda.bpm.engine.identity.User userNamed(String id) {
        org.camunda.bpm.engine.identity.User user = identity.newUser(id);
        user.setPassword("reader-password");
        return user;
    }
}
