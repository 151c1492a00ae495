package dev.recoveryorchestrator.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import dev.recoveryorchestrator.EngineTestSupport;
import dev.recoveryorchestrator.TestMail;
import java.time.Duration;
import java.util.Map;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** {@code notification-mail.bpmn}: one mail, sent asynchronously, retried when sending fails, never dropped. */
class NotificationMailProcessTest extends EngineTestSupport {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void sendsTheQueuedMailOverSmtp() {
        ProcessInstance mail = queue("users@routing-ml.test,devops@routing-ml.test", "[장애 발생] 시험", "본문");
        assertThat(mail).isWaitingAt("Task_SendMail");
        assertThat(TestMail.received()).isEmpty();

        runDueJobs();

        assertThat(mail).isEnded();
        assertThat(TestMail.received()).singleElement().satisfies(received -> {
            assertThat(received.subject()).isEqualTo("[장애 발생] 시험");
            assertThat(received.to()).containsExactly("devops@routing-ml.test", "users@routing-ml.test");
            assertThat(received.body()).contains("본문");
        });
    }

    @Test
    void aMailThatCannotBeSentIsRetriedOnTheConfiguredCycleAndEndsAsACockpitIncident() {
        ProcessInstance mail = queue("not a mail address", "[복구 완료] 시험", "본문");

        Job job = jobOf(mail);
        assertThatThrownBy(() -> management.executeJob(job.getId())).hasMessageContaining("invalid recipient");
        Job retried = jobOf(mail);
        assertThat(retried.getRetries()).as("retries left after the first failure of R2/PT1M").isEqualTo(1);
        assertThat(retried.getDuedate()).isEqualTo(java.util.Date.from(start.plus(Duration.ofMinutes(1))));
        assertThat(management.createJobQuery().processInstanceId(mail.getId()).executable().count())
                .as("not due before its minute").isZero();

        org.camunda.bpm.engine.impl.util.ClockUtil.setCurrentTime(java.util.Date.from(start.plus(Duration.ofMinutes(1))));
        assertThatThrownBy(() -> management.executeJob(retried.getId()));

        Incident incident = runtime.createIncidentQuery().processInstanceId(mail.getId()).singleResult();
        assertThat(incident).as("a Cockpit incident").isNotNull();
        assertThat(incident.getIncidentMessage()).contains("[복구 완료] 시험", "not a mail address", "invalid recipient");
        assertThat(mail).isNotEnded().isWaitingAt("Task_SendMail");
        assertThat(runtime.getVariable(mail.getId(), "mailSubject")).isEqualTo("[복구 완료] 시험");
        assertThat(TestMail.received()).isEmpty();
    }

    /**
     * The send job run again after the server accepted its mail (its node died before the job committed, as a node killed
     * mid-mail does): the mail is recorded as sent, so the second run ends the instance and sends nothing.
     */
    @Test
    void aSendJobRunAgainAfterItsMailWasAcceptedSendsNothing() {
        ProcessInstance mail = queue("devops@routing-ml.test", "[에스컬레이션: 시험] 두 번째 실행", "본문");
        jdbc.update("insert into ro_mail_sent (mail_key, sent_at) values (?, current_timestamp)", mail.getId());

        runDueJobs();

        assertThat(mail).isEnded();
        assertThat(TestMail.received()).isEmpty();
    }

    @Test
    void anAcceptedMailIsRecordedAsSent() {
        ProcessInstance mail = queue("devops@routing-ml.test", "[에스컬레이션: 시험] 기록", "본문");

        runDueJobs();

        assertThat(TestMail.received()).hasSize(1);
        assertThat(jdbc.queryForObject("select count(*) from ro_mail_sent where mail_key = ?", Integer.class, mail.getId()))
                .isOne();
    }

    private ProcessInstance queue(String to, String subject, String body) {
        return runtime.startProcessInstanceByKey(Notifier.MAIL_PROCESS, Map.of(
                MailVariables.TO, to, MailVariables.SUBJECT, subject, MailVariables.BODY, body,
                MailVariables.TEMPLATE, "test", MailVariables.INCIDENT_ID, "none"));
    }

    private Job jobOf(ProcessInstance instance) {
        return management.createJobQuery().processInstanceId(instance.getId()).singleResult();
    }
}
