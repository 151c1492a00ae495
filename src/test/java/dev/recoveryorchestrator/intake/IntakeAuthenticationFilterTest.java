package dev.recoveryorchestrator.intake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recoveryorchestrator.incident.Scope;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.util.unit.DataSize;

/**
 * Who the webhooks answer: with a token, whoever sends it (from anywhere); without one (the demo only), loopback
 * clients and nobody else. The addresses are request data here; nothing is contacted.
 */
class IntakeAuthenticationFilterTest {

    @Test
    void withoutATokenOnlyLoopbackClientsAreAnswered() throws Exception {
        IntakeAuthenticationFilter filter = new IntakeAuthenticationFilter(settings(""));

        assertThat(status(filter, "127.0.0.1", null)).isEqualTo(200);
        assertThat(status(filter, "::1", null)).isEqualTo(200);
        assertThat(status(filter, "192.0.2.10", null)).isEqualTo(401);
        assertThat(status(filter, "192.0.2.10", "Bearer anything")).isEqualTo(401);
    }

    @Test
    void withATokenItIsRequiredFromEveryoneAndNothingElseWill() throws Exception {
        IntakeAuthenticationFilter filter = new IntakeAuthenticationFilter(settings("s3cret-token"));

        assertThat(status(filter, "192.0.2.10", "Bearer s3cret-token")).isEqualTo(200);
        assertThat(status(filter, "127.0.0.1", "bearer s3cret-token")).isEqualTo(200);
        assertThat(status(filter, "127.0.0.1", null)).as("loopback needs it too").isEqualTo(401);
        assertThat(status(filter, "127.0.0.1", "Bearer s3cret-token ${x}")).isEqualTo(401);
        assertThat(status(filter, "127.0.0.1", "Basic czNjcmV0LXRva2Vu")).isEqualTo(401);
        assertThat(status(filter, "127.0.0.1", "Bearer ")).isEqualTo(401);
    }

    private static int status(IntakeAuthenticationFilter filter, String from, String authorization) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/alerts/alertmanager");
        request.setRemoteAddr(from);
        if (authorization != null) {
            request.addHeader("Authorization", authorization);
        }
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, new MockFilterChain());
        return response.getStatus();
    }

    private static IntakeSettings settings(String token) {
        return new IntakeSettings(token, "failure_type", List.of(), Map.of(), "severity", Map.of(), Scope.PARTIAL,
                Duration.ofMinutes(30), DataSize.ofMegabytes(1), Duration.ofMinutes(10), 1000, 100_000, 20,
                new IntakeSettings.Grafana(null, "X-Grafana-Alerting-Signature", "X-Grafana-Alerting-Timestamp",
                        Duration.ofMinutes(5)));
    }
}
