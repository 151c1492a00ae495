package dev.recoveryorchestrator.runbook.networkoutage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import dev.recoveryorchestrator.EngineTestSupport;
import dev.recoveryorchestrator.HistoricInstance;
import dev.recoveryorchestrator.HostileValues;
import dev.recoveryorchestrator.TestMail;
import dev.recoveryorchestrator.TestMail.Received;
import dev.recoveryorchestrator.action.PortProbe;
import dev.recoveryorchestrator.incident.FailureType;
import dev.recoveryorchestrator.incident.Incident;
import dev.recoveryorchestrator.incident.IncidentState;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * {@code runbook-network-outage.bpmn} (Type 3) against the stand-in backend, a real process listening on loopback
 * and on a second loopback address (127.0.0.2) that plays the host's address; its {@code network-fault} switch
 * closes that second listener, a network outage that no restart fixes. Only {@code ufw} is faked ({@link
 * FakeFirewall}): the machine has no firewall tool, and no test may change its firewall.
 */
class NetworkOutageRunbookTest extends EngineTestSupport {

    static final String RUNBOOK = "runbook-network-outage";
    /** The demo's re-check interval (recovery.runbook.network-outage.recheck-interval). */
    static final Duration RECHECK = Duration.ofSeconds(5);

    @Autowired
    PortProbe ports;

    @AfterEach
    void networkBack() throws IOException {
        Files.deleteIfExists(standinSettings.switchFile("network-fault"));
        FakeFirewall.uninstall(WORK);
        if (standin.process().isEmpty()) {
            standin.start();
        }
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(this::hostAnswers);
    }

    @Test
    void aDroppedHostAddressIsConfirmedAsTheNetworkAndItIsContactedUrgentlyWithWhatTheDiagnosisFound() throws IOException {
        dropHostAddress();
        Incident incident = open(FailureType.NETWORK_OUTAGE);
        runDueJobs();

        HistoricInstance runbook = single(runbooksOf(incident));
        assertThat(runbook).hasPassed("Task_CheckHostPorts", "Task_ConfirmNetworkOutage", "Task_CheckRoutingTable",
                "Task_CheckFirewall", "Gateway_JoinDiagnosis", "Task_NotifyLocalAccess").hasNotPassed("UserTask_Triage",
                "UserTask_ApproveFirewall", "Task_AllowFirewallPorts");
        assertThat(incidents.find(incident.id()).orElseThrow().symptomConfirmedAt()).isNotNull();
        assertThat(stepNotes(incident, "증상 확인")).contains("서비스가 아니라 네트워크 문제");
        assertThat(stepNotes(incident, "로컬 네트워크 확인")).contains(standinSettings.hostBind() + " 경유 응답 [], 응답 없음 ["
                + STANDIN_PORT + "]", "ICMP 확인 안 함");
        assertThat(stepNotes(incident, "라우팅 테이블 확인")).isNotBlank();
        assertThat(stepNotes(incident, "방화벽 확인")).as("no iptables, no ufw here: findings, not failures")
                .contains("network-firewall-iptables 실행 불가", "network-firewall-ufw 실행 불가", "차단된 서비스 포트 확인되지 않음");

        Task it = itTask();
        assertThat(it.getPriority()).isEqualTo(100);
        assertThat(it.getName()).contains(incident.id().substring(0, 8), "긴급", "IT 팀 연락");
        assertThat(it.getDescription()).contains("서비스가 아니라 네트워크 문제", "방화벽 확인", "라우팅 테이블 확인");
        assertThat(tasks.getIdentityLinksForTask(it.getId())).anyMatch(link -> "it".equals(link.getGroupId()));
        assertThat(tasks.createTaskQuery().taskDefinitionKey("UserTask_TierResponse").taskCandidateGroup("it").count())
                .as("the IT tier's own task still waits for its hour").isZero();

        Received urgent = HostileValues.mail("[긴급: IT 지원 요청]");
        assertThat(urgent.to()).containsExactly("it@routing-ml.test");
        assertThat(urgent.body()).contains("서비스가 아니라 네트워크 문제", "방화벽 확인", "/camunda/app/tasklist/");
        Received local = HostileValues.mail("[접속 안내]");
        assertThat(local.to()).containsExactly("users@routing-ml.test");
        assertThat(local.body()).contains("http://localhost:" + STANDIN_PORT + "/");
        assertThat(incidents.find(incident.id()).orElseThrow().state()).isEqualTo(IncidentState.OPEN);
    }

    @Test
    void recoveryIsTheHostPortsAnsweringAgainNotAnyonesWord() throws IOException {
        dropHostAddress();
        Incident incident = open(FailureType.NETWORK_OUTAGE);
        runDueJobs();

        tasks.complete(itTask().getId(), Map.of("itNote", "스위치 포트 교체"));
        runDueJobs();
        assertThat(incidents.find(incident.id()).orElseThrow().state()).isEqualTo(IncidentState.OPEN);
        assertThat(stepNotes(incident, "IT 팀 연락")).contains("IT 조치 완료 보고", "스위치 포트 교체");
        assertThat(stepNotes(incident, "IT 조치 후 재확인")).contains("아직 호스트 주소로 접속 불가");
        Task again = itTask();
        assertThat(again.getDescription()).contains("IT 조치 후 재확인: 아직 호스트 주소로 접속 불가");

        for (int i = 0; i < 8; i++) {
            advance(RECHECK);
        }
        assertThat(incidents.find(incident.id()).orElseThrow().state()).as("loopback answering is no recovery")
                .isEqualTo(IncidentState.OPEN);

        restoreHostAddress();
        advance(RECHECK);

        assertThat(single(runbooksOf(incident))).hasPassed("Task_RecheckHostPorts", "EndEvent_NetworkRestored").isEnded();
        assertThat(tasks.createTaskQuery().taskDefinitionKey("UserTask_ContactIt").count()).isZero();
        assertThat(incidents.find(incident.id()).orElseThrow().state()).isEqualTo(IncidentState.RECOVERED);
        assertThat(recoveredBy(incident)).startsWith("호스트 포트 재확인");
        assertThat(stepNotes(incident, "헬스 체크 통과 확인")).contains("통과", standinSettings.hostBind() + " 경유 응답 ["
                + STANDIN_PORT + "]");
    }

    @Test
    void itsTaskCompletedOnceTheNetworkIsBackEndsTheRunbookAtOnce() throws IOException {
        dropHostAddress();
        Incident incident = open(FailureType.NETWORK_OUTAGE);
        runDueJobs();

        restoreHostAddress();
        tasks.complete(itTask().getId(), Map.of());
        runDueJobs();

        assertThat(single(runbooksOf(incident))).hasPassed("Task_RecheckAfterIt", "EndEvent_RestoredAfterIt").isEnded();
        assertThat(incidents.find(incident.id()).orElseThrow().state()).isEqualTo(IncidentState.RECOVERED);
        assertThat(recoveredBy(incident)).startsWith("IT 조치 후 재확인");
    }

    @Test
    void theLifecyclesHealthWatchAsksTheHostsPortsNotTheHealthEndpoint() throws IOException {
        dropHostAddress();
        Incident incident = open(FailureType.NETWORK_OUTAGE);
        runDueJobs();

        for (int i = 0; i < 5; i++) {
            advance(Duration.ofSeconds(30));
        }
        assertThat(incidents.find(incident.id()).orElseThrow().state()).isEqualTo(IncidentState.OPEN);
        assertThat(stepNotes(incident, "헬스 감시")).as("the health watch saw no pass").isEmpty();
    }

    @Test
    void blockedPortsAreOpenedInTheFirewallOnlyWithAPersonsApproval() throws IOException {
        FakeFirewall.answers(WORK, "Status: active\n\nTo                         Action      From\n"
                + "--                         ------      ----\n22/tcp                     ALLOW       Anywhere\n");
        dropHostAddress();
        Incident incident = open(FailureType.NETWORK_OUTAGE);
        runDueJobs();

        assertThat(stepNotes(incident, "방화벽 확인")).contains("ufw 활성", STANDIN_PORT + " 차단");
        Task approval = tasks.createTaskQuery().taskDefinitionKey("UserTask_ApproveFirewall").singleResult();
        assertThat(approval.getName()).contains("포트 허용 승인", String.valueOf(STANDIN_PORT));
        assertThat(tasks.getIdentityLinksForTask(approval.getId())).anyMatch(link -> "it".equals(link.getGroupId()));
        assertThat(FakeFirewall.calls(WORK)).as("nothing changed before the approval").doesNotContain("allow");

        tasks.complete(approval.getId(), Map.of("firewallDecision", "allow"));
        runDueJobs();

        assertThat(FakeFirewall.calls(WORK)).contains("allow " + STANDIN_PORT + "/tcp");
        assertThat(stepNotes(incident, "포트 허용 승인")).contains("허용 승인");
        assertThat(stepNotes(incident, "포트 허용")).contains("Rule added");
        assertThat(single(runbooksOf(incident))).hasPassed("Task_AllowFirewallPorts");
    }

    @Test
    void aDeclinedApprovalChangesNothing() throws IOException {
        FakeFirewall.answers(WORK, "Status: active\n");
        dropHostAddress();
        Incident incident = open(FailureType.NETWORK_OUTAGE);
        runDueJobs();

        tasks.complete(tasks.createTaskQuery().taskDefinitionKey("UserTask_ApproveFirewall").singleResult().getId(),
                Map.of("firewallDecision", "decline"));
        runDueJobs();

        assertThat(FakeFirewall.calls(WORK)).doesNotContain("allow");
        assertThat(single(runbooksOf(incident))).hasNotPassed("Task_AllowFirewallPorts");
        assertThat(stepNotes(incident, "포트 허용 승인")).contains("허용하지 않음");
    }

    @Test
    void aHostThatAnswersIsNoNetworkOutageAndNobodyIsPagedUntilAPersonDecides() {
        Incident incident = open(FailureType.NETWORK_OUTAGE);
        runDueJobs();

        Task triage = tasks.createTaskQuery().taskDefinitionKey("UserTask_Triage").singleResult();
        assertThat(triage.getDescription()).contains("증상 미확인: 호스트 주소", "정상 응답");
        assertThat(tasks.createTaskQuery().taskDefinitionKey("UserTask_ContactIt").count()).isZero();
        assertThat(TestMail.received()).extracting(Received::subject).noneMatch(s -> s.startsWith("[긴급"));

        tasks.complete(triage.getId(), Map.of("triageDecision", "false-alarm", "triageNote", "헬프데스크 오접수"));
        runDueJobs();
        assertThat(incidents.find(incident.id()).orElseThrow().state()).isEqualTo(IncidentState.CLOSED);
    }

    @Test
    void aServiceThatFailsOnLoopbackTooIsNotTheNetwork() {
        killStandin();
        Incident incident = open(FailureType.NETWORK_OUTAGE);
        runDueJobs();

        Task triage = tasks.createTaskQuery().taskDefinitionKey("UserTask_Triage").singleResult();
        assertThat(triage.getDescription()).contains("서비스가 로컬", "에서도 응답하지 않음", "Type 1 재분류 검토");
        assertThat(tasks.createTaskQuery().taskDefinitionKey("UserTask_ContactIt").count()).isZero();
        assertThat(incidents.find(incident.id()).orElseThrow().symptomConfirmedAt()).isNull();
    }

    @Test
    void aPersonMayProceedWithoutAConfirmedSymptom() {
        Incident incident = open(FailureType.NETWORK_OUTAGE);
        runDueJobs();

        tasks.complete(tasks.createTaskQuery().taskDefinitionKey("UserTask_Triage").singleResult().getId(),
                Map.of("triageDecision", "proceed"));
        runDueJobs();

        assertThat(itTask()).isNotNull();
        advance(RECHECK);
        assertThat(single(runbooksOf(incident))).as("the host answers: the re-check ends it")
                .hasPassed("EndEvent_NetworkRestored").isEnded();
    }

    @Test
    void atThreeQuartersOfTheRtoTheCtoDecidesOnExternalSupportAndEveryUserHearsTheLocalAddressesAgain() throws IOException {
        dropHostAddress();
        Incident incident = open(FailureType.NETWORK_OUTAGE);
        runDueJobs();
        TestMail.purge();

        advance(Duration.ofHours(3));

        Task approve = tasks.createTaskQuery().taskDefinitionKey("UserTask_ApproveLastResort").singleResult();
        assertThat(approve.getName()).contains("[긴급] 최후 수단 승인", "네트워크 장애");
        assertThat(approve.getDescription()).contains("로컬 접속 안내", "외부 지원", "서비스가 아니라 네트워크 문제");
        assertThat(tasks.getIdentityLinksForTask(approve.getId())).anyMatch(link -> "cto".equals(link.getGroupId()));
        TestMail.purge();

        tasks.complete(approve.getId(), Map.of("lastResortDecision", "apply", "lastResortNote", "외부 회선 업체 호출"));
        runDueJobs();

        assertThat(HostileValues.mail("[접속 안내]").to()).containsExactly("users@routing-ml.test");
        assertThat(stepNotes(incident, "최후 수단")).contains("승인", "외부 회선 업체 호출");
        assertThat(itTask()).as("the recovery goes on").isNotNull();
        HistoricInstance runbook = single(runbooksOf(incident));
        assertThat(runbook).hasPassed("Task_ConfirmBeforeFallbackRequest", "Task_LastResortLocalAccess",
                "EndEvent_LastResortApplied").isNotEnded();

        restoreHostAddress();
        advance(RECHECK);
        assertThat(incidents.find(incident.id()).orElseThrow().state()).isEqualTo(IncidentState.RECOVERED);
    }

    @Test
    void whatAFirewallToolAnswersReachesItAsDataAndChangesNothing() throws IOException {
        FakeFirewall.answers(WORK, "x".repeat(100 * 1024) + "\n" + HostileValues.LINES + "\n" + STANDIN_PORT
                + "/tcp DENY\nERROR: " + HostileValues.TEXT + " \0 NUL\n", 4);
        dropHostAddress();
        Incident incident = open(FailureType.NETWORK_OUTAGE);
        runDueJobs();

        assertThat(management.createJobQuery().withException().list()).as("failed jobs").isEmpty();
        assertThat(stepNotes(incident, "방화벽 확인")).contains("network-firewall-ufw 실행 불가", "(exit 4)", HostileValues.TEXT)
                .doesNotContain("\r", "\n", "\0");
        assertThat(tasks.createTaskQuery().taskDefinitionKey("UserTask_ApproveFirewall").count())
                .as("a refused listing proves nothing blocked").isZero();
        assertThat(itTask().getDescription()).contains(HostileValues.TEXT);
        Received urgent = HostileValues.mail("[긴급: IT 지원 요청]");
        assertThat(urgent.subject()).doesNotContain("\r", "\n").doesNotContain("${x}");
        assertThat(urgent.body()).contains(HostileValues.TEXT);
        assertThat(FakeFirewall.calls(WORK)).doesNotContain("allow");
    }

    private void dropHostAddress() throws IOException {
        Files.writeString(standinSettings.switchFile("network-fault"), "");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !hostAnswers());
    }

    private void restoreHostAddress() throws IOException {
        Files.deleteIfExists(standinSettings.switchFile("network-fault"));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(this::hostAnswers);
    }

    private boolean hostAnswers() {
        return ports.listening(standinSettings.hostBind(), STANDIN_PORT, Duration.ofMillis(500));
    }

    private Task itTask() {
        return tasks.createTaskQuery().taskDefinitionKey("UserTask_ContactIt").singleResult();
    }

    private List<HistoricInstance> runbooksOf(Incident incident) {
        return runbooksOf(incident, RUNBOOK);
    }
}
