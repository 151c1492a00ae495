package dev.recoveryorchestrator.incident;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recoveryorchestrator.EngineTestSupport;
import java.time.Duration;
import java.util.Date;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The flapping guard: at most {@code per-incident} (3) automatic attempts in one incident and {@code
 * per-type-per-hour} (6) for one failure type over every incident of the last hour; past either a person decides.
 */
class AutomaticAttemptsTest extends EngineTestSupport {

    @Autowired
    AutomaticAttempts attempts;

    @Test
    void theSeventhAttemptOfATypeWithinAnHourIsRefusedAndAnHourLaterGrantedAgain() {
        Incident first = open(FailureType.BACKEND_API_DOWN);
        for (int i = 0; i < 3; i++) {
            assertThat(attempts.grant(first.id(), "restart-backend")).isEmpty();
        }
        assertThat(attempts.grant(first.id(), "restart-backend")).hasValueSatisfying(
                why -> assertThat(why).contains("recovery.runbook.automatic-attempts.per-incident"));
        incidents.close(first.id(), "flapping", "devops1");

        Incident second = open(FailureType.BACKEND_API_DOWN);
        for (int i = 0; i < 3; i++) {
            assertThat(attempts.grant(second.id(), "restart-backend")).isEmpty();
        }
        incidents.close(second.id(), "flapping", "devops1");
        Incident other = open(FailureType.MODEL_CORRUPTION);
        assertThat(attempts.grant(other.id(), "rollback-model")).as("another type counts apart").isEmpty();

        Incident third = open(FailureType.BACKEND_API_DOWN);
        assertThat(attempts.grant(third.id(), "restart-backend")).hasValueSatisfying(why -> assertThat(why)
                .contains("최근 1시간 동안 backend-api-down 자동 복구 6회", "per-type-per-hour"));

        ClockUtil.setCurrentTime(Date.from(ClockUtil.getCurrentTime().toInstant().plus(Duration.ofMinutes(61))));
        assertThat(attempts.grant(third.id(), "restart-backend")).as("the hour has passed").isEmpty();
    }
}
