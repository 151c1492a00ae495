package dev.recoveryorchestrator.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaIn;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaOut;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every {@code bpmn/runbook-*.bpmn} keeps the runbook contract ({@link RunbookContract}); the lifecycle gives each
 * runbook what the contract promises and takes back what it returns; and a runbook that breaks the contract is
 * caught, so a new one that does fails the build.
 */
class RunbookContractTest {

    static Stream<Path> runbooks() throws IOException {
        List<Path> models;
        try (Stream<Path> files = Files.list(Path.of("bpmn"))) {
            models = files.filter(file -> file.getFileName().toString().matches("runbook-.*\\.bpmn")).sorted().toList();
        }
        assertThat(models).as("runbook models in bpmn/").isNotEmpty();
        return models.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("runbooks")
    void everyRunbookKeepsTheContract(Path model) {
        assertThat(RunbookContract.violations(Bpmn.readModelFromFile(model.toFile()))).isEmpty();
    }

    @Test
    void theRtoFallbacksApprovalIsModelledOnceAndEveryRunbookCallsIt() throws IOException {
        assertThat(RunbookContract.approvalViolations(Bpmn.readModelFromFile(Path.of("bpmn", "rto-fallback-approval.bpmn")
                .toFile()))).isEmpty();
        List<String> callers = runbooks().filter(model -> Bpmn.readModelFromFile(model.toFile())
                .getModelElementsByType(CallActivity.class).stream()
                .anyMatch(call -> RunbookContract.APPROVAL_PROCESS.equals(call.getCalledElement())))
                .map(model -> model.getFileName().toString()).toList();
        assertThat(callers).containsExactlyElementsOf(runbooks().map(model -> model.getFileName().toString()).toList());
    }

    @Test
    void aRunbookThatAsksForItsLastResortItselfBreaksTheContract() {
        BpmnModelInstance copied = Bpmn.readModelFromFile(Path.of("bpmn", "runbook-backend-api-down.bpmn").toFile());
        CallActivity call = copied.getModelElementById("CallActivity_ApproveLastResort");
        call.setCalledElement("my-own-approval");
        org.camunda.bpm.model.bpmn.instance.UserTask own = copied.newInstance(org.camunda.bpm.model.bpmn.instance.UserTask.class);
        own.setId("UserTask_ApproveLastResort");
        own.setName("최후 수단 승인");
        own.setCamundaCandidateGroups("${rtoFallback.group(execution)}");
        org.camunda.bpm.model.bpmn.instance.camunda.CamundaTaskListener listener =
                copied.newInstance(org.camunda.bpm.model.bpmn.instance.camunda.CamundaTaskListener.class);
        listener.setCamundaEvent("create");
        listener.setCamundaDelegateExpression("${rtoFallbackTaskListener}");
        own.builder().addExtensionElement(listener);
        copied.<org.camunda.bpm.model.bpmn.instance.SubProcess>getModelElementById("SubProcess_RtoFallback").addChildElement(own);

        assertThat(RunbookContract.violations(copied))
                .anyMatch(v -> v.startsWith("runbook-backend-api-down: needs the RTO fallback"))
                .anyMatch(v -> v.startsWith("UserTask_ApproveLastResort: the RTO fallback's approval lives once"));
    }

    @Test
    void anApprovalProcessWithoutItsUnansweredTimerOrThatActsItselfBreaksTheContract() {
        BpmnModelInstance approval = Bpmn.readModelFromFile(Path.of("bpmn", "rto-fallback-approval.bpmn").toFile());
        org.camunda.bpm.model.bpmn.instance.BoundaryEvent timer = approval.getModelElementById("BoundaryEvent_LastResortUnanswered");
        timer.setAttachedTo(approval.getModelElementById("UserTask_ApproveLastResortLate"));
        CallActivity restart = approval.newInstance(CallActivity.class);
        restart.setId("Task_Rollback");
        restart.setCalledElement("run-action");
        approval.getModelElementsByType(org.camunda.bpm.model.bpmn.instance.Process.class).iterator().next()
                .addChildElement(restart);

        assertThat(RunbookContract.approvalViolations(approval))
                .anyMatch(v -> v.startsWith("UserTask_ApproveLastResort: needs the boundary timer"))
                .anyMatch(v -> v.startsWith("Task_Rollback: the approval process only asks"));
    }

    @Test
    void theLifecycleGivesEveryRunbookWhatTheContractPromisesAndTakesBackWhatItReturns() {
        BpmnModelInstance lifecycle = Bpmn.readModelFromFile(Path.of("bpmn", "incident-lifecycle.bpmn").toFile());
        CallActivity call = lifecycle.getModelElementById("CallActivity_Runbook");
        assertThat(call.getCalledElement()).isEqualTo("${runbookKey}");
        List<String> in = call.getExtensionElements().getElementsQuery().filterByType(CamundaIn.class).list().stream()
                .map(CamundaIn::getCamundaTarget).filter(java.util.Objects::nonNull).toList();
        List<String> out = call.getExtensionElements().getElementsQuery().filterByType(CamundaOut.class).list().stream()
                .map(CamundaOut::getCamundaTarget).toList();
        assertThat(in).contains("incidentId", "failureType", "target", "openedAt", "scope");
        assertThat(out).contains("runbookOutcome", "recoveredBy", "closedReason", "reclassifyTo", "decidedBy");
    }

    @Test
    void aRunbookThatRestartsBeforeConfirmingItsSymptomBreaksTheContract() {
        BpmnModelInstance careless = Bpmn.createExecutableProcess("runbook-network-outage")
                .camundaHistoryTimeToLive(1).camundaVersionTag("1")
                .startEvent("StartEvent_Down")
                .callActivity("Task_RestartEverything").calledElement("run-action")
                .userTask("UserTask_Fix").name("Fix it").camundaCandidateGroups("devops")
                .endEvent("EndEvent_Done")
                .done();

        assertThat(RunbookContract.violations(careless)).anyMatch(v -> v.startsWith("Task_RestartEverything: a disruptive step"))
                .anyMatch(v -> v.startsWith("UserTask_Fix: a human task has the runbook's Korean name"))
                .anyMatch(v -> v.startsWith("UserTask_Fix: a human task's candidate group comes from configuration"))
                .anyMatch(v -> v.startsWith("UserTask_Fix: a human task has a create listener"))
                .anyMatch(v -> v.startsWith("EndEvent_Done: an end event returns an outcome"))
                .anyMatch(v -> v.startsWith("runbook-network-outage: needs the RTO fallback"));
    }

    @Test
    void aRunbookWithAWrongKeyOrAPathAroundTheConfirmationBreaksTheContract() {
        BpmnModelInstance bypass = Bpmn.createExecutableProcess("runbook-disk-full")
                .camundaHistoryTimeToLive(1).camundaVersionTag("1")
                .startEvent("StartEvent_Down")
                .exclusiveGateway("Gateway_Shortcut")
                .serviceTask("Task_Confirm").camundaDelegateExpression("${x}")
                .callActivity("Task_Restart").calledElement("run-action")
                .endEvent("EndEvent_Done").camundaExecutionListenerDelegateExpression("end", "${runbookEndListener}")
                .moveToNode("Gateway_Shortcut").connectTo("Task_Restart")
                .done();
        markAsConfirmation(bypass, "Task_Confirm");

        assertThat(RunbookContract.violations(bypass)).noneMatch(v -> v.startsWith("Task_Confirm"))
                .anyMatch(v -> v.startsWith("runbook-disk-full: the process id must be runbook-<failure type>"))
                .anyMatch(v -> v.startsWith("Task_Restart: a disruptive step is reachable without a symptom confirmation"));
    }

    @Test
    void aConfirmationInOneBranchOfAParallelDiagnosisConfirmsWhatFollowsTheJoinButNotWhatFollowsAMerge() {
        BpmnModelInstance parallel = Bpmn.createExecutableProcess("runbook-network-outage")
                .camundaHistoryTimeToLive(1).camundaVersionTag("1")
                .startEvent("StartEvent_Down")
                .parallelGateway("Gateway_Fork")
                .serviceTask("Task_Confirm").camundaDelegateExpression("${x}")
                .parallelGateway("Gateway_Join")
                .callActivity("Task_Restart").calledElement("run-action")
                .endEvent("EndEvent_Done").camundaExecutionListenerDelegateExpression("end", "${runbookEndListener}")
                .moveToNode("Gateway_Fork").serviceTask("Task_Diagnose").camundaDelegateExpression("${y}")
                .connectTo("Gateway_Join")
                .done();
        markAsConfirmation(parallel, "Task_Confirm");
        assertThat(RunbookContract.violations(parallel)).noneMatch(v -> v.startsWith("Task_Restart"));

        BpmnModelInstance merged = Bpmn.createExecutableProcess("runbook-network-outage")
                .camundaHistoryTimeToLive(1).camundaVersionTag("1")
                .startEvent("StartEvent_Down")
                .exclusiveGateway("Gateway_Choose")
                .serviceTask("Task_Confirm").camundaDelegateExpression("${x}")
                .exclusiveGateway("Gateway_Merge")
                .callActivity("Task_Restart").calledElement("run-action")
                .endEvent("EndEvent_Done").camundaExecutionListenerDelegateExpression("end", "${runbookEndListener}")
                .moveToNode("Gateway_Choose").serviceTask("Task_Diagnose").camundaDelegateExpression("${y}")
                .connectTo("Gateway_Merge")
                .done();
        markAsConfirmation(merged, "Task_Confirm");
        assertThat(RunbookContract.violations(merged)).anyMatch(v -> v.startsWith("Task_Restart: a disruptive step"));
    }

    private static void markAsConfirmation(BpmnModelInstance model, String id) {
        org.camunda.bpm.model.bpmn.instance.BaseElement element = model.getModelElementById(id);
        CamundaProperties properties = model.newInstance(CamundaProperties.class);
        CamundaProperty role = model.newInstance(CamundaProperty.class);
        role.setCamundaName("role");
        role.setCamundaValue("symptom-confirmation");
        properties.getCamundaProperties().add(role);
        if (element.getExtensionElements() == null) {
            element.setExtensionElements(model.newInstance(org.camunda.bpm.model.bpmn.instance.ExtensionElements.class));
        }
        element.getExtensionElements().addChildElement(properties);
    }
}
