package dev.recoveryorchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recoveryorchestrator.TestMail.Received;
import dev.recoveryorchestrator.incident.Incident;
import java.util.List;
import org.camunda.bpm.engine.runtime.Job;

/**
 * Text from outside that must stay text (a summary typed by a person, an alert's source, what a broken target
 * answers), and the check that an incident carrying it ran as any other.
 */
public final class HostileValues {

    /** Placeholders, expressions, format specifiers, shell words, paths, a backslash, a dollar, a header. */
    public static final String TEXT = "응답 없음 ${x} #{x} {0} %s $(id) ; id \\ $ ../..";
    /** The same with line breaks, which may end a header: verbatim in a body, never in a subject. */
    public static final String LINES = TEXT + "\r\nBcc: evil@example.com\nline\rend";

    private HostileValues() {
    }

    /**
     * The incident's lifecycle ran its first steps as with any summary: no job failed, the runbook was called, the
     * DevOps tier has its task, and the opening mail and the DevOps tier's mail arrived with {@code summary} and
     * {@code source} in their bodies as they were sent and a subject of one line.
     */
    public static void assertRanNormally(EngineTestSupport engine, Incident incident, String summary, String source) {
        List<Job> failed = engine.management.createJobQuery().withException().list();
        assertThat(failed).as("failed jobs: %s", failed.stream()
                .map(job -> engine.management.getJobExceptionStacktrace(job.getId())).toList()).isEmpty();
        assertThat(engine.runtime.createIncidentQuery().list()).as("Cockpit incidents").isEmpty();
        assertThat(engine.history.createHistoricProcessInstanceQuery().processDefinitionKey("runbook-backend-api-down")
                .superProcessInstanceId(incident.processInstanceId()).count()).as("runbook called").isPositive();
        // from history: an automatic recovery may already have ended the task
        assertThat(engine.history.createHistoricTaskInstanceQuery().processInstanceId(incident.processInstanceId())
                .taskDefinitionKey("UserTask_TierResponse").taskHadCandidateGroup("devops").count())
                .as("DevOps tier task").isOne();

        Received opened = mail("[장애 발생]");
        assertThat(lineEnds(opened.body())).contains("- 내용: " + lineEnds(summary) + "\n", "- 감지: " + lineEnds(source) + "\n");
        assertThat(lineEnds(mail("[에스컬레이션: DevOps").body())).contains("- 내용: " + lineEnds(summary) + "\n");
        assertThat(TestMail.received()).extracting(Received::subject).allSatisfy(subject ->
                assertThat(subject).doesNotContain("\r", "\n"));
    }

    public static Received mail(String subjectStart) {
        List<Received> mails = TestMail.received();
        return mails.stream().filter(m -> m.subject().startsWith(subjectStart)).findFirst().orElseThrow(() ->
                new AssertionError("no mail '" + subjectStart + "' in " + mails.stream().map(Received::subject).toList()));
    }

    /** SMTP carries every line break as CRLF; apart from that a body is what was sent. */
    public static String lineEnds(String text) {
        return text.replaceAll("\r\n|\r", "\n");
    }
}
