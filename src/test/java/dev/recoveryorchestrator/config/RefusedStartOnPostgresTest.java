package dev.recoveryorchestrator.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recoveryorchestrator.TestPostgres;
import dev.recoveryorchestrator.config.ApplicationProcess.Ended;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The production profiles as docker-compose starts them ({@code postgres,docker}), as an OS process on a fresh
 * PostgreSQL schema, with a secret left at its demo value or unset, or {@code postgres} alone without the actions the
 * runbooks call: the start is refused naming the property and what to set, and nothing was written: no Flyway
 * history, no Camunda table, no admin user with the weak password.
 */
class RefusedStartOnPostgresTest {

    @RegisterExtension
    static final TestPostgres postgres = new TestPostgres();

    @TempDir
    Path work;

    @Test
    void theDemoAdminPasswordIsRefusedBeforeAnythingIsWritten() throws Exception {
        Map<String, String> environment = production();
        environment.put("RECOVERY_ADMIN_PASSWORD", "admin");

        Ended ended = ApplicationProcess.run(work, environment, "--spring.profiles.active=postgres,docker");

        assertThat(ended.exitCode()).as(ended.output()).isNotZero();
        assertThat(ended.output())
                .contains("camunda.bpm.admin-user.password has its demo value (set RECOVERY_ADMIN_PASSWORD)")
                .doesNotContain("unknown profile", "no real database", "no real target", "recovery.intake.token");
        assertThat(tables()).as("tables in the fresh schema " + postgres.schema()).isEmpty();
    }

    @Test
    void anUnsetAdminPasswordAndIntakeTokenAreRefusedBeforeAnythingIsWritten() throws Exception {
        Map<String, String> environment = production();
        environment.remove("RECOVERY_INTAKE_TOKEN");

        Ended ended = ApplicationProcess.run(work, environment, "--spring.profiles.active=postgres,docker");

        assertThat(ended.exitCode()).as(ended.output()).isNotZero();
        assertThat(ended.output())
                .contains("camunda.bpm.admin-user.password is unset (set RECOVERY_ADMIN_PASSWORD)")
                .contains("recovery.intake.token is unset (set RECOVERY_INTAKE_TOKEN)");
        assertThat(tables()).as("tables in the fresh schema " + postgres.schema()).isEmpty();
    }

    @Test
    void postgresAloneWithTheTargetGivenByHandIsRefusedNamingEachActionTheRunbooksCallBeforeAnythingIsWritten()
            throws Exception {
        Map<String, String> environment = production();
        environment.put("RECOVERY_ADMIN_PASSWORD", "refused-start-admin-secret");
        environment.put("RECOVERY_TARGET_HEALTH_URL", "http://127.0.0.1:9/api/health");
        environment.put("RECOVERY_TARGET_LOG_FILE", work.resolve("backend.log").toString());

        Ended ended = ApplicationProcess.run(work, environment, "--spring.profiles.active=postgres");

        assertThat(ended.exitCode()).as(ended.output()).isNotZero();
        assertThat(ended.output())
                .contains("APPLICATION FAILED TO START")
                .contains("no action for the runbooks: recovery.actions.restart-backend is unset (called by "
                        + "inspection-drill, runbook-backend-api-down, runbook-database-unreachable, "
                        + "runbook-model-corruption; add the 'docker' or 'local' profile, or configure it)")
                .contains("recovery.actions.rollback-backend is unset")
                .doesNotContain("no real target", "unknown profile", "no real database", "admin-user.password");
        assertThat(tables()).as("tables in the fresh schema " + postgres.schema()).isEmpty();
    }

    /** What docker-compose.yml gives a node, on the test's schema, without the admin password. */
    private Map<String, String> production() {
        Map<String, String> environment = new HashMap<>();
        environment.put("SPRING_DATASOURCE_URL", postgres.jdbcUrl());
        environment.put("SPRING_DATASOURCE_USERNAME", postgres.username());
        environment.put("SPRING_DATASOURCE_PASSWORD", postgres.password());
        environment.put("SPRING_MAIL_HOST", "127.0.0.1");
        environment.put("RECOVERY_INTAKE_TOKEN", "refused-start-intake-token");
        environment.put("RECOVERY_TARGET_WORKDIR", work.resolve("routing-ml").toString());
        return environment;
    }

    private static List<String> tables() {
        return new JdbcTemplate(postgres.dataSource()).queryForList(
                "select table_name from information_schema.tables where table_schema = ?", String.class,
                postgres.schema());
    }
}
