package dev.recoveryorchestrator.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recoveryorchestrator.config.ApplicationProcess.Ended;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An unknown profile as an operator meets it (docs/operations.md, "Profiles"): the application started as an OS process with
 * {@code --spring.profiles.active=prod} (or a typo) on an H2 file database in a fresh folder. It must not become the
 * demo: it ends with a non-zero exit naming the profile, and writes nothing, no database file and no stand-in.
 * {@link RefusedStartOnPostgresTest} does the same for a production start with a demo secret.
 */
class RefusedStartTest {

    @TempDir
    Path work;

    @ParameterizedTest
    @ValueSource(strings = {"prod", "postgresql"})
    void anUnknownProfileIsRefusedBeforeAnythingIsWritten(String profile) throws Exception {
        Path database = work.resolve("database");
        Files.createDirectories(database);

        Ended ended = ApplicationProcess.run(work, Map.of(),
                "--spring.profiles.active=" + profile,
                "--spring.datasource.url=jdbc:h2:file:" + database.resolve("recovery") + ";AUTO_SERVER=FALSE",
                "--recovery.standin.dir=" + work.resolve("standin"));

        assertThat(ended.exitCode()).as(ended.output()).isNotZero();
        assertThat(ended.output())
                .contains("APPLICATION FAILED TO START")
                .contains("unknown profile '" + profile + "'")
                .contains("no real database: profile 'postgres' is not active")
                .contains("recovery.target.health-url is unset")
                .contains("camunda.bpm.admin-user.password has its demo value (set RECOVERY_ADMIN_PASSWORD)");
        try (Stream<Path> written = Files.list(database)) {
            assertThat(written).as("files of the H2 database").isEmpty();
        }
        try (Stream<Path> written = Files.list(work)) {
            assertThat(written).as("what the start left in its working folder").containsExactly(database);
        }
    }
}
