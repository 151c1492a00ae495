package dev.recoveryorchestrator.runbook.networkoutage;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** Type 3's settings: the defaults hold, and a bad value stops the start naming the property. */
class NetworkOutageSettingsTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(Settings.class);

    @Test
    void theDefaultsAreTheRunbooks() {
        runner.run(context -> {
            NetworkOutageSettings settings = context.getBean(NetworkOutageSettings.class);
            assertThat(settings.host()).isEmpty();
            assertThat(settings.loopback()).isEqualTo("127.0.0.1");
            assertThat(settings.icmp()).isFalse();
            assertThat(settings.itGroup()).isEqualTo("it");
            assertThat(settings.itPriority()).isEqualTo(100);
            assertThat(settings.firewall().ruleActions()).containsExactly("network-firewall-iptables", "network-firewall-ufw");
            assertThat(settings.firewall().approverGroup()).isEqualTo("it");
        });
        runner.withPropertyValues("recovery.runbook.network-outage.host=10.204.2.28",
                "recovery.runbook.network-outage.ports=8000,5173").run(context -> assertThat(context).hasNotFailed());
        runner.withPropertyValues("recovery.runbook.network-outage.host=[fd00::28]").run(context ->
                assertThat(context).hasNotFailed());
    }

    @Test
    void refusesAHostThatIsMoreThanAnAddress() {
        for (String host : new String[] {"10.204.2.28; id", "$(id)", "${x}", "../..", "host name", "a\nb"}) {
            runner.withPropertyValues("recovery.runbook.network-outage.host=" + host).run(context ->
                    assertThat(context.getStartupFailure()).as(host)
                            .hasStackTraceContaining("recovery.runbook.network-outage").hasStackTraceContaining("host"));
        }
    }

    @Test
    void refusesAPortOutOfRangeAndADurationThatIsNone() {
        runner.withPropertyValues("recovery.runbook.network-outage.ports=8000,70000").run(context ->
                assertThat(context.getStartupFailure()).hasStackTraceContaining("ports"));
        runner.withPropertyValues("recovery.runbook.network-outage.recheck-interval=soon").run(context ->
                assertThat(context.getStartupFailure()).hasStackTraceContaining("recovery.runbook.network-outage.recheck-interval"));
        runner.withPropertyValues("recovery.runbook.network-outage.recheck-interval=PT0S").run(context ->
                assertThat(context.getStartupFailure()).hasStackTraceContaining("recheck-interval must be positive"));
    }

    @Configuration
    @EnableConfigurationProperties(NetworkOutageSettings.class)
    static class Settings {
    }
}
