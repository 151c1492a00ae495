package dev.recoveryorchestrator.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** The per-client count of failed logins on its own, with the engine clock moved by hand. */
class LoginThrottleTest {

    private final LoginThrottleSettings settings = new LoginThrottleSettings(3, Duration.ofMinutes(5), 4, 64, java.util.List.of());
    private final LoginThrottle throttle = new LoginThrottle(settings);
    private Instant now;

    @BeforeEach
    void freezeTheClock() {
        now = Instant.parse("2026-03-02T10:00:00Z");
        ClockUtil.setCurrentTime(Date.from(now));
    }

    @AfterEach
    void resetTheClock() {
        ClockUtil.reset();
    }

    @Test
    void letsAClientFailMaxFailuresTimesThenAsksItToWaitUntilItsOldestFailureLeavesTheWindow() {
        throttle.recordFailure("192.0.2.1");
        moveBy(Duration.ofMinutes(1));
        throttle.recordFailure("192.0.2.1");
        assertThat(throttle.retryAfter("192.0.2.1")).isEmpty();
        throttle.recordFailure("192.0.2.1");

        assertThat(throttle.retryAfter("192.0.2.1")).contains(Duration.ofMinutes(4));
        moveBy(Duration.ofMinutes(4));
        assertThat(throttle.retryAfter("192.0.2.1")).as("the first failure has left the window").isEmpty();
        throttle.recordFailure("192.0.2.1");
        assertThat(throttle.retryAfter("192.0.2.1")).as("until the second one leaves").contains(Duration.ofMinutes(1));
    }

    @Test
    void anotherClientIsNotAffected() {
        for (int i = 0; i < 10; i++) {
            throttle.recordFailure("192.0.2.1");
        }
        assertThat(throttle.retryAfter("192.0.2.1")).isPresent();
        assertThat(throttle.retryAfter("192.0.2.2")).isEmpty();
    }

    @Test
    void forgetsAClientOnceItsFailuresAreOlderThanTheWindowAndWhenTheClockGoesBack() {
        throttle.recordFailure("192.0.2.1");
        moveBy(Duration.ofMinutes(5));
        assertThat(throttle.retryAfter("192.0.2.1")).isEmpty();
        assertThat(throttle.clients()).isZero();

        for (int i = 0; i < 3; i++) {
            throttle.recordFailure("192.0.2.1");
        }
        moveBy(Duration.ofHours(-1));
        assertThat(throttle.retryAfter("192.0.2.1")).isEmpty();
    }

    @Test
    void remembersAtMostMaxClientsAddresses() {
        for (int i = 0; i < 1000; i++) {
            throttle.recordFailure("client " + i);
        }
        assertThat(throttle.clients()).isEqualTo(settings.maxClients());
    }

    @Test
    void aWaitingClientIsNeverForgottenForOthersAndClientsThatNoLongerFitAreSlowedTogether() {
        for (int client = 0; client < settings.maxClients(); client++) {
            for (int i = 0; i < settings.maxFailures(); i++) {
                throttle.recordFailure("blocked " + client);
            }
        }
        for (int i = 0; i < 1000; i++) {
            throttle.recordFailure("fresh " + i); // an attacker with more addresses than the table holds
        }

        for (int client = 0; client < settings.maxClients(); client++) {
            assertThat(throttle.retryAfter("blocked " + client)).as("still waiting").isPresent();
        }
        assertThat(throttle.retryAfter("fresh 999")).as("the overflow waits as one").isPresent();
        assertThat(throttle.retryAfter("someone new")).isPresent();
        assertThat(throttle.clients()).isLessThanOrEqualTo(settings.maxClients() + 1);

        moveBy(settings.window().plusSeconds(1));
        assertThat(throttle.retryAfter("blocked 0")).isEmpty();
        assertThat(throttle.retryAfter("someone new")).isEmpty();
    }

    @Test
    void countsIpv6ClientsPerSlash64AndIpv4MappedOnesAsIpv4() {
        assertThat(throttle.clientOf("2001:db8:1:2:aaaa:bbbb:cccc:dddd"))
                .isEqualTo(throttle.clientOf("2001:db8:1:2::1")).isEqualTo("2001:db8:1:2:0:0:0:0/64");
        assertThat(throttle.clientOf("2001:db8:1:3::1")).isNotEqualTo(throttle.clientOf("2001:db8:1:2::1"));
        assertThat(throttle.clientOf("::ffff:192.0.2.7")).isEqualTo("192.0.2.7");
        assertThat(throttle.clientOf("127.0.0.2")).isEqualTo("127.0.0.2");
        assertThat(new LoginThrottle(new LoginThrottleSettings(3, Duration.ofMinutes(5), 4, 128, java.util.List.of()))
                .clientOf("2001:db8::1")).isEqualTo("2001:db8:0:0:0:0:0:1/128");
    }

    @Test
    void takesAnAddressItCannotReadAsItIsWithoutLookingAnythingUp() {
        for (String hostile : new String[] {"${x}", "#{x}", "$(id)", "; id", "../..", "a\r\nb", "a\u0000b", "zz:zz",
                "[::1]:80", "x".repeat(100_000), ""}) {
            assertThat(throttle.clientOf(hostile)).isEqualTo(hostile);
        }
        assertThat(throttle.clientOf((String) null)).isEqualTo("null");
    }

    @Test
    void refusesSettingsThatCannotWorkNamingTheProperty() {
        ApplicationContextRunner runner = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
                .withUserConfiguration(Settings.class);
        runner.run(context -> assertThat(context.getBean(LoginThrottleSettings.class))
                .isEqualTo(new LoginThrottleSettings(10, Duration.ofMinutes(5), 10_000, 64, java.util.List.of())));
        runner.withPropertyValues("recovery.security.login-throttle.max-failures=0").run(context ->
                assertThat(context.getStartupFailure()).hasStackTraceContaining("recovery.security.login-throttle")
                        .hasStackTraceContaining("maxFailures"));
        runner.withPropertyValues("recovery.security.login-throttle.window=PT0S").run(context ->
                assertThat(context.getStartupFailure()).hasStackTraceContaining("window"));
        runner.withPropertyValues("recovery.security.login-throttle.window=soon").run(context ->
                assertThat(context.getStartupFailure()).hasStackTraceContaining("soon"));
        runner.withPropertyValues("recovery.security.login-throttle.ipv6-prefix-length=129").run(context ->
                assertThat(context.getStartupFailure()).hasStackTraceContaining("ipv6PrefixLength"));
    }

    private void moveBy(Duration duration) {
        now = now.plus(duration);
        ClockUtil.setCurrentTime(Date.from(now));
    }

    @Configuration
    @EnableConfigurationProperties(LoginThrottleSettings.class)
    static class Settings {
    }

    @Test
    void neverReadsTheForwardedAddressByDefault() {
        var request = new org.springframework.mock.web.MockHttpServletRequest();
        request.setRemoteAddr("127.0.0.1");
        request.addHeader("X-Forwarded-For", "203.0.113.5");

        assertThat(throttle.clientOf(request)).isEqualTo("127.0.0.1");
    }

    @Test
    void readsTheForwardedAddressOnlyFromAConfiguredProxyAndOnlyItsRightMostUntrustedHop() {
        LoginThrottle behindProxy = new LoginThrottle(new LoginThrottleSettings(3, Duration.ofMinutes(5), 4, 64,
                java.util.List.of("127.0.0.9", "127.0.0.8")));

        assertThat(behindProxy.clientOf(request("127.0.0.9", "203.0.113.5"))).isEqualTo("203.0.113.5");
        assertThat(behindProxy.clientOf(request("127.0.0.9", "198.51.100.1, 203.0.113.5")))
                .as("the left hops are the client's own word").isEqualTo("203.0.113.5");
        assertThat(behindProxy.clientOf(request("127.0.0.9", "203.0.113.5, 127.0.0.8"))).as("through two proxies")
                .isEqualTo("203.0.113.5");
        assertThat(behindProxy.clientOf(request("127.0.0.10", "203.0.113.5"))).as("not from a configured proxy")
                .isEqualTo("127.0.0.10");
        assertThat(behindProxy.clientOf(request("127.0.0.9", null))).isEqualTo("127.0.0.9");
        assertThat(behindProxy.clientOf(request("127.0.0.9", "2001:db8::1"))).isEqualTo("2001:db8:0:0:0:0:0:0/64");
        for (String hostile : new String[] {"$(id)", "; id", "evil.example", "203.0.113.5\r\nX: y", "${x}",
                "1".repeat(100)}) {
            assertThat(behindProxy.clientOf(request("127.0.0.9", hostile))).as(hostile).isEqualTo("127.0.0.9");
        }
    }

    @Test
    void oneOutsiderBehindTheProxyIsThrottledAloneWhenTheProxyIsTrusted() {
        LoginThrottle behindProxy = new LoginThrottle(new LoginThrottleSettings(3, Duration.ofMinutes(5), 4, 64,
                java.util.List.of("127.0.0.9")));
        for (int i = 0; i < 3; i++) {
            behindProxy.recordFailure(behindProxy.clientOf(request("127.0.0.9", "203.0.113.66")));
        }

        assertThat(behindProxy.retryAfter(behindProxy.clientOf(request("127.0.0.9", "203.0.113.66")))).isPresent();
        assertThat(behindProxy.retryAfter(behindProxy.clientOf(request("127.0.0.9", "198.51.100.7")))).isEmpty();
    }

    private static jakarta.servlet.http.HttpServletRequest request(String peer, String forwardedFor) {
        var request = new org.springframework.mock.web.MockHttpServletRequest();
        request.setRemoteAddr(peer);
        if (forwardedFor != null) {
            request.addHeader("X-Forwarded-For", forwardedFor);
        }
        return request;
    }
}
