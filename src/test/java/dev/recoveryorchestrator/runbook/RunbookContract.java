package dev.recoveryorchestrator.runbook;

import dev.recoveryorchestrator.incident.FailureType;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.camunda.bpm.model.bpmn.instance.EndEvent;
import org.camunda.bpm.model.bpmn.instance.EscalationEventDefinition;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.ParallelGateway;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.TerminateEventDefinition;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaExecutionListener;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaIn;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputOutput;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaTaskListener;

/**
 * The runbook contract (docs/architecture.md, "The runbook contract"), as a check of one model. A runbook:
 * <ul>
 * <li>is the process {@code runbook-<failure type>} with a version tag and a history time to live;</li>
 * <li>ends only at end events that return an outcome — property {@code outcome} of {@code recovered},
 * {@code false-alarm} or {@code reclassified}, returned by {@code ${runbookEndListener}}, and terminate; the end events of a
 * non-interrupting event subprocess end only that branch and return none, and an escalation end event hands over;</li>
 * <li>has the RTO fallback: a non-interrupting event subprocess started by the timer
 * {@code ${rtoFallback.due(execution)}} that asks through the one approval process: a call of
 * {@value #APPROVAL_PROCESS} with the business key, the variable mapping {@code ${rtoFallbackApproval}} and its own
 * {@code lastResort}; it carries no approval task, unanswered timer or listener of its own (those live once, in
 * {@code bpmn/rto-fallback-approval.bpmn}, checked by {@link #approvalViolations});</li>
 * <li>gives its human tasks a Korean name, a candidate group from configuration (an expression, never a literal
 * group) and a create listener that names them after the incident;</li>
 * <li>never reaches a disruptive step — a call of {@code run-action}, or an element with property
 * {@code role=disruptive} — on a path from a start event that has not passed a symptom confirmation (property
 * {@code role=symptom-confirmation}); past a parallel join, a confirmation in any of its branches counts.</li>
 * </ul>
 */
final class RunbookContract {

    static final Set<String> OUTCOMES = Set.of("recovered", "false-alarm", "reclassified");
    static final String APPROVAL_PROCESS = "rto-fallback-approval";
    private static final String TASK_LISTENER = "${rtoFallbackTaskListener}";
    private static final String UNANSWERED_LISTENER = "${rtoFallbackUnansweredListener}";
    private static final String DECIDE_BY = "${rtoFallback.decideBy(execution)}";
    private static final Pattern HANGUL = Pattern.compile("\\p{IsHangul}");

    private RunbookContract() {
    }

    /** What the model breaks, one line each; empty when it keeps the contract. */
    static List<String> violations(BpmnModelInstance model) {
        List<String> found = new ArrayList<>();
        Collection<Process> processes = model.getModelElementsByType(Process.class);
        if (processes.size() != 1) {
            found.add("a runbook model holds exactly one process, not " + processes.size());
            return found;
        }
        Process process = processes.iterator().next();
        if (Arrays.stream(FailureType.values()).noneMatch(type -> type.runbookProcessKey().equals(process.getId()))) {
            found.add(process.getId() + ": the process id must be runbook-<failure type>");
        }
        if (process.getCamundaVersionTag() == null || process.getCamundaHistoryTimeToLiveString() == null) {
            found.add(process.getId() + ": needs camunda:versionTag and camunda:historyTimeToLive");
        }
        if (!hasRtoFallback(model)) {
            found.add(process.getId() + ": needs the RTO fallback (docs/architecture.md, \"The RTO fallback\"): a non-interrupting "
                    + "event subprocess whose timer start is ${rtoFallback.due(execution)}, calling " + APPROVAL_PROCESS
                    + " with the business key, camunda:variableMappingDelegateExpression=\"${rtoFallbackApproval}\" and "
                    + "the input parameter lastResort");
        }
        for (String own : ownApproval(model)) {
            found.add(own + ": the RTO fallback's approval lives once, in " + APPROVAL_PROCESS
                    + " (bpmn/rto-fallback-approval.bpmn); a runbook calls it and carries no approval task, timer or "
                    + "listener of its own");
        }
        for (EndEvent end : model.getModelElementsByType(EndEvent.class)) {
            if (endsOnlyABranch(end)) {
                if (property(end, "outcome") != null || listeners(end).anyMatch("${runbookEndListener}"::equals)) {
                    found.add(end.getId() + ": ends only a branch (non-interrupting event subprocess or escalation): "
                            + "it must not return an outcome");
                }
                continue;
            }
            if (end.getEventDefinitions().stream().noneMatch(TerminateEventDefinition.class::isInstance)) {
                found.add(end.getId() + ": an end event that returns an outcome terminates the runbook (a terminate end "
                        + "event), or the RTO fallback's open question would keep it running");
            }
            String outcome = property(end, "outcome");
            if (outcome == null || !OUTCOMES.contains(outcome)) {
                found.add(end.getId() + ": an end event returns an outcome (property 'outcome', one of " + OUTCOMES + ")");
            }
            if (listeners(end).noneMatch("${runbookEndListener}"::equals)) {
                found.add(end.getId() + ": an end event has the execution listener ${runbookEndListener}");
            }
        }
        for (UserTask task : model.getModelElementsByType(UserTask.class)) {
            if (task.getName() == null || !HANGUL.matcher(task.getName()).find()) {
                found.add(task.getId() + ": a human task has the runbook's Korean name");
            }
            String groups = task.getCamundaCandidateGroups();
            if (groups == null || !groups.strip().startsWith("${")) {
                found.add(task.getId() + ": a human task's candidate group comes from configuration (an expression), not '"
                        + groups + "'");
            }
            boolean named = task.getExtensionElements() != null && task.getExtensionElements().getElementsQuery()
                    .filterByType(CamundaTaskListener.class).list().stream()
                    .anyMatch(listener -> "create".equals(listener.getCamundaEvent()));
            if (!named) {
                found.add(task.getId() + ": a human task has a create listener that names it after the incident");
            }
        }
        for (FlowNode disruptive : disruptiveSteps(model)) {
            found.add(disruptive.getId() + ": a disruptive step is reachable without a symptom confirmation before it");
        }
        return found;
    }

    /** An end event that does not end the runbook: it hands over by escalation, or ends a non-interrupting branch. */
    private static boolean endsOnlyABranch(EndEvent end) {
        if (!end.getEventDefinitions().isEmpty()
                && end.getEventDefinitions().iterator().next() instanceof EscalationEventDefinition) {
            return true;
        }
        return end.getParentElement() instanceof SubProcess sub && sub.triggeredByEvent()
                && sub.getChildElementsByType(StartEvent.class).stream().noneMatch(StartEvent::isInterrupting);
    }

    private static boolean hasRtoFallback(BpmnModelInstance model) {
        for (SubProcess sub : model.getModelElementsByType(SubProcess.class)) {
            boolean timed = sub.triggeredByEvent() && sub.getChildElementsByType(StartEvent.class).stream()
                    .anyMatch(start -> !start.isInterrupting() && start.getEventDefinitions().stream()
                            .filter(TimerEventDefinition.class::isInstance).map(TimerEventDefinition.class::cast)
                            .anyMatch(timer -> timer.getTimeDate() != null
                                    && "${rtoFallback.due(execution)}".equals(timer.getTimeDate().getTextContent().strip())));
            boolean asks = sub.getChildElementsByType(CallActivity.class).stream().anyMatch(RunbookContract::callsApproval);
            if (timed && asks) {
                return true;
            }
        }
        return false;
    }

    /** A call of the one approval process that hands it what it needs: the incident (business key) and the last resort. */
    private static boolean callsApproval(CallActivity call) {
        if (!APPROVAL_PROCESS.equals(call.getCalledElement()) || call.getExtensionElements() == null) {
            return false;
        }
        boolean businessKey = call.getExtensionElements().getElementsQuery().filterByType(CamundaIn.class).list().stream()
                .anyMatch(in -> "#{execution.processBusinessKey}".equals(in.getCamundaBusinessKey()));
        boolean lastResort = call.getExtensionElements().getElementsQuery().filterByType(CamundaInputOutput.class).list()
                .stream().flatMap(io -> io.getCamundaInputParameters().stream())
                .anyMatch(input -> "lastResort".equals(input.getCamundaName()) && !input.getTextContent().isBlank());
        return businessKey && lastResort
                && "${rtoFallbackApproval}".equals(call.getCamundaVariableMappingDelegateExpression());
    }

    /** Elements of a runbook that do the approval process's work themselves: its task listener, timer or listener. */
    private static List<String> ownApproval(BpmnModelInstance model) {
        List<String> own = new ArrayList<>();
        for (UserTask task : model.getModelElementsByType(UserTask.class)) {
            if (taskListeners(task).anyMatch(TASK_LISTENER::equals)) {
                own.add(task.getId());
            }
        }
        for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
            if (listeners(node).anyMatch(UNANSWERED_LISTENER::equals)) {
                own.add(node.getId());
            }
        }
        for (TimerEventDefinition timer : model.getModelElementsByType(TimerEventDefinition.class)) {
            if (timer.getTimeDate() != null && DECIDE_BY.equals(timer.getTimeDate().getTextContent().strip())
                    && timer.getParentElement() instanceof BaseElement owner) {
                own.add(owner.getId());
            }
        }
        return own.stream().distinct().toList();
    }

    /**
     * What {@code bpmn/rto-fallback-approval.bpmn} breaks, one line each: the process {@value #APPROVAL_PROCESS} with a
     * version tag and a history time to live; {@code UserTask_ApproveLastResort} and {@code UserTask_ApproveLastResortLate}
     * listened to on create and complete by {@code ${rtoFallbackTaskListener}}, put to {@code ${rtoFallback.group(execution)}}
     * with the runbooks' Korean name; the unanswered timer {@code ${rtoFallback.decideBy(execution)}} on the first, with
     * {@code ${rtoFallbackUnansweredListener}}; and nothing disruptive (the runbook runs its last resort).
     */
    static List<String> approvalViolations(BpmnModelInstance model) {
        List<String> found = new ArrayList<>();
        Collection<Process> processes = model.getModelElementsByType(Process.class);
        if (processes.size() != 1 || !APPROVAL_PROCESS.equals(processes.iterator().next().getId())) {
            found.add("the approval model holds exactly one process, " + APPROVAL_PROCESS);
            return found;
        }
        Process process = processes.iterator().next();
        if (process.getCamundaVersionTag() == null || process.getCamundaHistoryTimeToLiveString() == null) {
            found.add(process.getId() + ": needs camunda:versionTag and camunda:historyTimeToLive");
        }
        for (String id : List.of("UserTask_ApproveLastResort", "UserTask_ApproveLastResortLate")) {
            if (!(model.getModelElementById(id) instanceof UserTask task)) {
                found.add(id + ": the approval process has this human task");
                continue;
            }
            List<String> events = task.getExtensionElements() == null ? List.of() : task.getExtensionElements()
                    .getElementsQuery().filterByType(CamundaTaskListener.class).list().stream()
                    .filter(listener -> TASK_LISTENER.equals(listener.getCamundaDelegateExpression()))
                    .map(CamundaTaskListener::getCamundaEvent).toList();
            if (!events.containsAll(List.of("create", "complete"))) {
                found.add(id + ": is listened to by " + TASK_LISTENER + " on create and on complete");
            }
            if (!"${rtoFallback.group(execution)}".equals(task.getCamundaCandidateGroups())) {
                found.add(id + ": is put to ${rtoFallback.group(execution)}, the highest tier reached");
            }
            if (task.getName() == null || !HANGUL.matcher(task.getName()).find()) {
                found.add(id + ": a human task has the runbook's Korean name");
            }
        }
        boolean unanswered = model.getModelElementsByType(BoundaryEvent.class).stream()
                .anyMatch(boundary -> boundary.getAttachedTo() != null
                        && "UserTask_ApproveLastResort".equals(boundary.getAttachedTo().getId())
                        && listeners(boundary).anyMatch(UNANSWERED_LISTENER::equals)
                        && boundary.getEventDefinitions().stream().filter(TimerEventDefinition.class::isInstance)
                                .map(TimerEventDefinition.class::cast).anyMatch(timer -> timer.getTimeDate() != null
                                        && DECIDE_BY.equals(timer.getTimeDate().getTextContent().strip())));
        if (!unanswered) {
            found.add("UserTask_ApproveLastResort: needs the boundary timer " + DECIDE_BY + " with " + UNANSWERED_LISTENER);
        }
        for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
            if (disruptive(node)) {
                found.add(node.getId() + ": the approval process only asks; the runbook runs its last resort");
            }
        }
        return found;
    }

    private static java.util.stream.Stream<String> taskListeners(UserTask task) {
        if (task.getExtensionElements() == null) {
            return java.util.stream.Stream.empty();
        }
        return task.getExtensionElements().getElementsQuery().filterByType(CamundaTaskListener.class).list().stream()
                .map(CamundaTaskListener::getCamundaDelegateExpression);
    }

    /**
     * Disruptive steps reachable from a start event without passing a symptom confirmation. A parallel join goes on
     * only when every branch has arrived, so it is reached unconfirmed only when each of its incoming branches is: a
     * confirmation in one branch of a parallel diagnosis confirms what follows the join.
     */
    private static List<FlowNode> disruptiveSteps(BpmnModelInstance model) {
        Deque<FlowNode> open = new ArrayDeque<>(model.getModelElementsByType(StartEvent.class));
        Set<String> seen = new HashSet<>();
        Set<String> unconfirmed = new HashSet<>();
        List<FlowNode> reached = new ArrayList<>();
        while (!open.isEmpty()) {
            FlowNode node = open.pop();
            if (node instanceof ParallelGateway join && join.getIncoming().size() > 1
                    && !join.getIncoming().stream().allMatch(flow -> unconfirmed.contains(flow.getSource().getId()))) {
                continue; // the last of its branches to be followed unconfirmed pushes it again
            }
            if (seen.add(node.getId()) && !"symptom-confirmation".equals(property(node, "role"))) {
                unconfirmed.add(node.getId());
                if (disruptive(node)) {
                    reached.add(node);
                }
                node.getOutgoing().stream().map(SequenceFlow::getTarget).forEach(open::push);
                model.getModelElementsByType(BoundaryEvent.class).stream()
                        .filter(boundary -> boundary.getAttachedTo() == node).forEach(open::push);
                if (node instanceof SubProcess sub) {
                    sub.getChildElementsByType(StartEvent.class).forEach(open::push);
                }
            }
        }
        return reached;
    }

    private static boolean disruptive(FlowNode node) {
        return node instanceof CallActivity call && "run-action".equals(call.getCalledElement())
                || "disruptive".equals(property(node, "role"));
    }

    private static java.util.stream.Stream<String> listeners(BaseElement element) {
        if (element.getExtensionElements() == null) {
            return java.util.stream.Stream.empty();
        }
        return element.getExtensionElements().getElementsQuery().filterByType(CamundaExecutionListener.class).list()
                .stream().map(CamundaExecutionListener::getCamundaDelegateExpression);
    }

    static String property(BaseElement element, String name) {
        if (element.getExtensionElements() == null) {
            return null;
        }
        return element.getExtensionElements().getElementsQuery().filterByType(CamundaProperties.class).list().stream()
                .flatMap(properties -> properties.getCamundaProperties().stream())
                .filter(property -> name.equals(property.getCamundaName()))
                .map(CamundaProperty::getCamundaValue).findFirst().orElse(null);
    }
}
