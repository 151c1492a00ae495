package dev.recoveryorchestrator.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.recoveryorchestrator.EngineTestSupport;
import dev.recoveryorchestrator.TestEnvironment;
import dev.recoveryorchestrator.TestHttp;
import dev.recoveryorchestrator.incident.Acknowledgement;
import dev.recoveryorchestrator.incident.FailureType;
import dev.recoveryorchestrator.incident.Incident;
import java.time.Duration;
import java.time.Instant;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.actuate.health.Health;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * What the operations view reads, over real HTTP from the running application: who may scrape the metrics, that
 * every family docs/operations.md names is exported under Prometheus' names, that the open-incident gauge follows
 * an incident through its acknowledgement, that the job executor's acquisition beats the heartbeat, and what the
 * readiness probe is made of (the database, never the mail server).
 */
class ObservabilityTest extends EngineTestSupport {

    @Autowired
    Heartbeat heartbeat;

    @Test
    void onlyTheScrapeGroupAndTheAdminsReadTheMetrics() {
        assertThat(TestHttp.on(port).get("/actuator/prometheus").status()).isEqualTo(401);
        assertThat(TestHttp.on(port).as("devops1", "demo").get("/actuator/prometheus").status())
                .as("a responder is no scraper").isEqualTo(403);
        assertThat(TestHttp.on(port).as(ScrapeUserSetup.DEMO_USER, "demo").get("/actuator/prometheus").status())
                .isEqualTo(200);
        assertThat(TestHttp.on(port).as("admin", "admin").get("/actuator/prometheus").status()).isEqualTo(200);
    }

    @Test
    void everyFamilyIsExportedUnderItsPrometheusNameWithTheDrillLabel() {
        String scrape = scrape();

        assertThat(scrape).contains(
                "recovery_incidents_open{", "recovery_incidents_opened_total{", "recovery_incidents_recovered_total{",
                "recovery_incidents_closed_total{", "recovery_incidents_acknowledged_total{",
                "recovery_incident_time_to_acknowledge_seconds_bucket{", "recovery_incident_time_to_recover_seconds_bucket{",
                "recovery_incidents_escalated_total{", "recovery_rto_objective_seconds{", "recovery_rto_breaches_total{",
                "recovery_action_duration_seconds_count{", "recovery_notifications_total{",
                "recovery_inspection_checks_failed_total{", "recovery_monitor_last_round_timestamp_seconds{",
                "recovery_job_acquisition_last_timestamp_seconds{");
        assertThat(scrape).containsPattern("recovery_incidents_opened_total\\{[^}]*drill=\"true\"[^}]*source=\"drill\"")
                .containsPattern("recovery_rto_objective_seconds\\{[^}]*level=\"target\"[^}]*} 14400")
                .containsPattern("recovery_job_acquisition_last_timestamp_seconds\\{[^}]*node=\"[^\"]+\"")
                .doesNotContain("recovery_drill_");
    }

    @Test
    void theOpenGaugeFollowsAnIncidentThroughItsAcknowledgement() {
        String unacknowledged = "recovery_incidents_open\\{acknowledged=\"false\",[^}]*drill=\"false\",tier=\"none\","
                + "type=\"backend-api-down\"} 1";
        String acknowledged = unacknowledged.replace("\"false\",[^}]*drill", "\"true\",[^}]*drill");
        Incident incident = open(FailureType.BACKEND_API_DOWN);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(scrape()).containsPattern(unacknowledged));

        incidents.acknowledge(incident.id(), "devops1", Acknowledgement.API);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(scrape()).containsPattern(acknowledged)
                .doesNotContainPattern(unacknowledged));
        assertThat(scrape()).containsPattern("recovery_incidents_acknowledged_total\\{[^}]*drill=\"false\",[^}]*"
                + "type=\"backend-api-down\",via=\"api\"} [1-9]");
    }

    @Test
    void eachJobAcquisitionBeatsTheHeartbeat() {
        Instant before = heartbeat.jobAcquisitionAt();
        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            configuration.getCommandExecutorTxRequired().execute(configuration.getJobExecutor().getAcquireJobsCmd(1));
            assertThat(heartbeat.jobAcquisitionAt()).isAfter(before);
        });
    }

    @Test
    void readinessIsTheDatabaseAndNeverTheMailServer() {
        TestHttp.Response readiness = TestHttp.on(port).get("/actuator/health/readiness");

        assertThat(readiness.status()).isEqualTo(200);
        JsonNode components = readiness.json().get("components");
        assertThat(components.has("db")).as(readiness.body()).isTrue();
        assertThat(components.has("mail")).isFalse();
    }

    @Test
    void anUnreachableMailServerIsReportedDegradedNeverDown() {
        JavaMailSenderImpl nobody = new JavaMailSenderImpl();
        nobody.setHost("127.0.0.1");
        nobody.setPort(TestEnvironment.freePort());
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        beans.addBean("mailSender", nobody);

        Health health = new MailHealth(beans.getBeanProvider(JavaMailSender.class)).health();

        assertThat(health.getStatus()).isEqualTo(MailHealth.DEGRADED);
        assertThat(health.getDetails()).containsKey("error").containsEntry("server", "127.0.0.1:" + nobody.getPort());
    }

    @Test
    void aLineLoggedInsideADelegateCarriesTheIncidentAndItsProcessInstance() throws Exception {
        ch.qos.logback.classic.Logger ours = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory
                .getLogger("dev.recoveryorchestrator");
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> lines =
                new ch.qos.logback.core.read.ListAppender<>();
        lines.start();
        ours.addAppender(lines);
        Incident incident;
        try {
            breakStandin();
            incident = open(FailureType.BACKEND_API_DOWN);
            runDueJobs();
        } finally {
            ours.detachAppender(lines);
        }

        assertThat(lines.list).as("lines logged by our delegates while the incident ran")
                .filteredOn(line -> incident.id().equals(line.getMDCPropertyMap().get(IncidentLogContext.INCIDENT_ID)))
                .isNotEmpty()
                .allSatisfy(line -> assertThat(line.getMDCPropertyMap().get(IncidentLogContext.PROCESS_INSTANCE_ID))
                        .as(line.getFormattedMessage()).isNotBlank());
        assertThat(org.slf4j.MDC.get(IncidentLogContext.INCIDENT_ID)).as("cleared after the job").isNull();
    }

    private String scrape() {
        TestHttp.Response response = TestHttp.on(port).as("admin", "admin").get("/actuator/prometheus");
        assertThat(response.status()).isEqualTo(200);
        return response.body();
    }
}
