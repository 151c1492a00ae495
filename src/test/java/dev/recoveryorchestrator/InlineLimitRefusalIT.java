package dev.recoveryorchestrator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;

/**
 * The application refuses to start when a configured action could run inside a job past the job lock, naming the
 * property to change. (The other refusals of the inline limit are in {@code SettingsValidationTest} and
 * {@code InlineChecksTest}, on the settings alone.) The whole application is started, as {@code java -jar} would start it (in Failsafe's JVM of
 * its own, since a failed start leaves Camunda's JVM-wide registries behind).
 */
class InlineLimitRefusalIT {

    static final Path WORK = TestEnvironment.tempFolder("inline-limit-refusal");

    @Test
    void refusesToStartWhenAnUntrackedActionCouldOutliveTheJobLock() {
        Throwable refused = catchThrowable(() -> start(
                "--recovery.actions.rollback-backend.timeout=PT30M",
                "--recovery.actions.rollback-backend.steps[0].command=git,checkout,a1b2c3d",
                "--recovery.actions.rollback-backend.steps[1].command=docker,compose,up,-d,--build,predictor"));

        assertThat(refused).isNotNull();
        assertThat(rootCause(refused).getMessage())
                .startsWith("recovery.actions.rollback-backend.timeout: a job could run for PT1H")
                .contains("recovery.commands.inline-limit (PT2M", "camunda.bpm.job-execution.lock-time-in-millis = PT5M",
                        "recovery.actions.rollback-backend.tracked=true");
    }

    private static void start(String... settings) {
        String[] args = new String[settings.length + 6];
        args[0] = "--server.port=0";
        args[1] = "--spring.datasource.url=jdbc:h2:mem:refusal-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1";
        args[2] = "--recovery.standin.enabled=false";
        args[3] = "--recovery.monitor.enabled=false";
        args[4] = "--recovery.standin.dir=" + WORK.resolve("standin");
        args[5] = "--recovery.background-work.dir=" + WORK.resolve("work");
        System.arraycopy(settings, 0, args, 6, settings.length);
        SpringApplication.run(RecoveryOrchestratorApplication.class, args).close();
    }

    private static Throwable rootCause(Throwable thrown) {
        Throwable cause = thrown;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
