package dev.recoveryorchestrator.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.recoveryorchestrator.EngineTestSupport;
import dev.recoveryorchestrator.HostileValues;
import dev.recoveryorchestrator.TestMail;
import dev.recoveryorchestrator.TestMail.Received;
import dev.recoveryorchestrator.incident.FailureType;
import dev.recoveryorchestrator.incident.Incident;
import dev.recoveryorchestrator.incident.TimelineEntry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Callers name an audience; {@code notify} finds the people: the users, a tier's contacts, everyone involved so far
 * (the users and every tier that has joined by the time elapsed), whoever holds given tasks. An audience of nobody
 * sends nothing and says so in the timeline; a notification need not belong to an incident.
 */
class AudienceTest extends EngineTestSupport {

    private static final String USERS = "users@routing-ml.test";
    private static final String DEVOPS = "devops@routing-ml.test";
    private static final String BACKEND = "backend@routing-ml.test";
    private static final String IT = "it@routing-ml.test";
    private static final String CTO = "cto@routing-ml.test";

    @Autowired
    Audiences audiences;
    @Autowired
    Notifier notifier;
    @Autowired
    IdentityService identity;

    private final List<String> standaloneTasks = new ArrayList<>();

    @AfterEach
    void removeStandaloneTasksAndUsers() {
        standaloneTasks.forEach(id -> tasks.deleteTask(id, true));
        if (identity.createUserQuery().userId("holder1").count() > 0) {
            identity.deleteUser("holder1");
        }
    }

    @Test
    void theUsersAreTheConfiguredUsers() {
        Recipients users = audiences.resolve(Audience.users(), null);

        assertThat(users.addresses()).containsExactly(USERS);
        assertThat(users.users()).isTrue();
        assertThat(users.groups()).isEmpty();
    }

    @Test
    void aTierIsItsGroupsContacts() {
        Recipients backend = audiences.resolve(Audience.tier("backend"), null);

        assertThat(backend.addresses()).containsExactly(BACKEND);
        assertThat(backend.users()).isFalse();
        assertThat(backend.groups()).containsExactly("backend");
    }

    @Test
    void everyoneInvolvedIsTheUsersAndEveryTierThatHasJoinedByThen() {
        assertThat(involvedAfter(Duration.ZERO)).containsExactly(USERS, DEVOPS);
        assertThat(involvedAfter(Duration.ofMinutes(29))).containsExactly(USERS, DEVOPS);
        assertThat(involvedAfter(Duration.ofMinutes(30))).containsExactly(USERS, DEVOPS, BACKEND);
        assertThat(involvedAfter(Duration.ofHours(1))).containsExactly(USERS, DEVOPS, BACKEND, IT);
        assertThat(involvedAfter(Duration.ofHours(2))).containsExactly(USERS, DEVOPS, BACKEND, IT, CTO);
        assertThat(audiences.resolve(Audience.involved(), Duration.ofHours(1)).groups())
                .containsExactly("devops", "backend", "it");
    }

    @Test
    void everyoneInvolvedNeedsAnIncident() {
        assertThatThrownBy(() -> notifier.sendWithoutIncident(Audience.involved(), "report", Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs an incident");
    }

    @Test
    void theHoldersOfTasksAreTheirAssigneesElseTheContactsOfTheirCandidateGroups() {
        User holder = identity.newUser("holder1");
        holder.setEmail("holder1@routing-ml.test");
        identity.saveUser(holder);
        String assigned = task("backend", "holder1");
        String unassigned = task("it", null);
        String assignedToSomeoneWithoutMail = task("cto", "nobody-known");

        Recipients holders = audiences.resolve(Audience.holdersOf(List.of(assigned, unassigned,
                assignedToSomeoneWithoutMail, "no-such-task")), null);

        assertThat(holders.addresses()).containsExactly("holder1@routing-ml.test", IT, CTO);
        assertThat(holders.groups()).containsExactly("it", "cto");
    }

    @Test
    void anAudienceOfNobodyQueuesNothingAndSaysSoInTheTimeline() {
        Incident incident = open(FailureType.BACKEND_API_DOWN);

        boolean toUnknownTier = notifier.send(Audience.tier("nobody"), "rto-target-breached", incident.id(),
                Map.of("rtoTarget", "4시간", "rtoAcceptable", "8시간"));
        boolean toNoTasks = notifier.send(Audience.holdersOf(List.of()), "tasks-closed", incident.id(),
                Map.of("taskNames", "-", "recoveredBy", "-"));

        assertThat(toUnknownTier).isFalse();
        assertThat(toNoTasks).isFalse();
        assertThat(mailsOf(incident)).as("the lifecycle has not run yet: any mail would be one of these").isEmpty();
        assertThat(incidents.timeline(incident.id())).extracting(TimelineEntry::detail)
                .contains("rto-target-breached: 수신자 없음 (설정 확인 필요)", "tasks-closed: 수신자 없음 (설정 확인 필요)");
    }

    @Test
    void aNotificationWithoutAnIncidentTakesTheCallersValuesAndIsSent() {
        boolean sent = notifier.sendWithoutIncident(Audience.tier("cto"), "report",
                Map.of("title", "주간 점검", "text", "백업 3건 정상"));

        assertThat(sent).isTrue();
        ProcessInstance mail = runtime.createProcessInstanceQuery().processDefinitionKey(Notifier.MAIL_PROCESS)
                .singleResult();
        assertThat(mail.getBusinessKey()).isNull();
        runDueJobs();
        assertThat(TestMail.received()).singleElement().satisfies(received -> {
            assertThat(received.subject()).isEqualTo("[보고] 주간 점검");
            assertThat(received.to()).containsExactly(CTO);
            assertThat(received.body()).contains("백업 3건 정상", "/camunda/app/tasklist/default/");
        });
    }

    @Test
    void hostileValuesInANotificationWithoutAnIncidentStayData() {
        String large = "가".repeat(50_000) + HostileValues.TEXT;

        notifier.sendWithoutIncident(Audience.addresses(List.of(USERS, "x@y.test\r\nBcc: evil@example.com")),
                "report", Map.of("title", HostileValues.LINES, "text", HostileValues.LINES + "\0" + large));
        runDueJobs();

        Received received = TestMail.received().get(0);
        assertThat(received.to()).containsExactly(USERS);
        assertThat(received.subject()).doesNotContain("\r", "\n").startsWith("[보고] " + HostileValues.TEXT);
        assertThat(HostileValues.lineEnds(received.body())).contains(HostileValues.lineEnds(HostileValues.LINES) + large)
                .doesNotContain("\0");
    }

    private List<String> involvedAfter(Duration elapsed) {
        return List.copyOf(audiences.resolve(Audience.involved(), elapsed).addresses());
    }

    private String task(String candidateGroup, String assignee) {
        Task task = tasks.newTask();
        task.setName("작업 " + candidateGroup);
        task.setAssignee(assignee);
        tasks.saveTask(task);
        tasks.addCandidateGroup(task.getId(), candidateGroup);
        standaloneTasks.add(task.getId());
        return task.getId();
    }

    private List<ProcessInstance> mailsOf(Incident incident) {
        return runtime.createProcessInstanceQuery().processDefinitionKey(Notifier.MAIL_PROCESS)
                .processInstanceBusinessKey(incident.id()).list();
    }
}
