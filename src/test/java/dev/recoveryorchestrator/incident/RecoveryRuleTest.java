package dev.recoveryorchestrator.incident;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recoveryorchestrator.MapVariableScope;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.junit.jupiter.api.Test;

/**
 * How the health watch and the check after a resolved alert record a recovery they noticed
 * ({@link RecoveryChecks#recovered}): as of the first passing check, and without overwriting how the runbook said
 * it brought the service back.
 */
class RecoveryRuleTest {

    private static final Instant FIRST_PASS = Instant.parse("2026-03-01T00:00:00Z");
    private final Map<String, Object> values = new HashMap<>();
    private final VariableScope scope = MapVariableScope.of(values);

    @Test
    void aRecoveryNobodyExplainedIsTheChecksOwn() {
        RecoveryChecks.recovered(scope, FIRST_PASS, "헬스 감시로 복구 확인 (3회 연속 통과)");

        assertThat(values).containsEntry(IncidentVariables.RECOVERED_AT, Date.from(FIRST_PASS))
                .containsEntry(IncidentVariables.RECOVERED_BY, "헬스 감시로 복구 확인 (3회 연속 통과)");
    }

    @Test
    void whatTheRunbookSaidItDidIsKept() {
        values.put(IncidentVariables.RECOVERED_BY, "서비스 재시작");

        RecoveryChecks.recovered(scope, FIRST_PASS, "알림 해결 후 헬스 체크 통과");

        assertThat(values).containsEntry(IncidentVariables.RECOVERED_AT, Date.from(FIRST_PASS))
                .containsEntry(IncidentVariables.RECOVERED_BY, "서비스 재시작");
    }
}
