package dev.recoveryorchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.ScriptTask;
import org.camunda.bpm.model.bpmn.instance.SendTask;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaScript;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The conventions every model of {@code bpmn/} keeps, because the application, Cockpit and the people reading them rely
 * on them (CONTRIBUTING.md, "Models"):
 * <ul>
 *   <li>every flow node and sequence flow is drawn (Cockpit shows the path taken on the diagram);</li>
 *   <li>every executable process has {@code camunda:versionTag} and {@code camunda:historyTimeToLive};</li>
 *   <li>no scripts: no script task, no {@code camunda:script} in a listener or a mapping;</li>
 *   <li>service and send tasks name a bean ({@code camunda:delegateExpression}) or are external tasks;</li>
 *   <li>timers take their duration, date or cycle from an expression, never a literal such as {@code PT30M};</li>
 *   <li>ids say what an element is, never the Modeler's generated ones ({@code Activity_0abc123});</li>
 *   <li>a user task has a name and someone to do it; its candidate groups come from configuration.</li>
 * </ul>
 * The runbook contract itself is {@code RunbookContractTest}.
 */
class ModelConventionsTest {

    private static final Path MODELS = Path.of("bpmn");
    private static final Pattern GENERATED_ID = Pattern.compile("^(Activity|Event|Gateway|Flow|StartEvent|EndEvent|Task|"
            + "SequenceFlow|IntermediateThrowEvent|IntermediateCatchEvent|BoundaryEvent|ExclusiveGateway|ServiceTask|"
            + "UserTask|SubProcess|CallActivity)_[0-9a-z]{6,7}$");

    static Stream<Path> models() throws IOException {
        try (Stream<Path> files = Files.list(MODELS)) {
            List<Path> found = files.filter(file -> file.toString().endsWith(".bpmn")).sorted().toList();
            assertThat(found).as("models in bpmn/").isNotEmpty();
            return found.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("models")
    void everyModelKeepsTheConventions(Path model) {
        assertThat(findings(Bpmn.readModelFromFile(model.toFile()))).as(model.toString()).isEmpty();
    }

    @Test
    void eachBrokenConventionIsFound() {
        BpmnModelInstance model = Bpmn.readModelFromFile(MODELS.resolve("runbook-backend-api-down.bpmn").toFile());
        assertThat(findings(model)).isEmpty();

        Process process = model.getModelElementsByType(Process.class).iterator().next();
        process.setCamundaVersionTag(null);
        ServiceTask serviceTask = model.getModelElementsByType(ServiceTask.class).iterator().next();
        serviceTask.setCamundaDelegateExpression(null);
        UserTask userTask = model.getModelElementsByType(UserTask.class).iterator().next();
        userTask.setCamundaCandidateGroups("devops");
        TimerEventDefinition timer = model.getModelElementsByType(TimerEventDefinition.class).iterator().next();
        literal(timer, "PT30M");
        SequenceFlow flow = model.getModelElementsByType(SequenceFlow.class).iterator().next();
        String flowId = flow.getId();
        flow.getDiagramElement().getParentElement().removeChildElement(flow.getDiagramElement());
        ScriptTask script = model.newInstance(ScriptTask.class);
        script.setId("Activity_0abc123");
        process.addChildElement(script);

        assertThat(String.join("\n", findings(model)))
                .contains(process.getId() + ": process has no camunda:versionTag")
                .contains(serviceTask.getId() + ": serviceTask is not bound with camunda:delegateExpression")
                .contains(userTask.getId() + ": candidate group 'devops' is a literal")
                .contains("the literal 'PT30M'")
                .contains(flowId + ": sequenceFlow has no shape in the diagram")
                .contains("Activity_0abc123: script task")
                .contains("Activity_0abc123: generated id");
    }

    private static void literal(TimerEventDefinition timer, String text) {
        if (timer.getTimeDuration() != null) {
            timer.getTimeDuration().setTextContent(text);
        } else if (timer.getTimeDate() != null) {
            timer.getTimeDate().setTextContent(text);
        } else {
            timer.getTimeCycle().setTextContent(text);
        }
    }

    static List<String> findings(BpmnModelInstance model) {
        List<String> found = new ArrayList<>();
        for (Process process : model.getModelElementsByType(Process.class)) {
            if (process.isExecutable()) {
                if (blank(process.getCamundaVersionTag())) {
                    found.add(process.getId() + ": process has no camunda:versionTag");
                }
                if (blank(process.getCamundaHistoryTimeToLiveString())) {
                    found.add(process.getId() + ": process has no camunda:historyTimeToLive");
                }
            }
        }
        List<BaseElement> drawable = new ArrayList<>(model.getModelElementsByType(FlowNode.class));
        drawable.addAll(model.getModelElementsByType(SequenceFlow.class));
        for (BaseElement element : drawable) {
            String kind = element.getElementType().getTypeName();
            if (element.getDiagramElement() == null) {
                found.add(element.getId() + ": " + kind + " has no shape in the diagram");
            }
            if (element.getId() != null && GENERATED_ID.matcher(element.getId()).matches()) {
                found.add(element.getId() + ": generated id; give it a name that says what it is");
            }
        }
        model.getModelElementsByType(ScriptTask.class)
                .forEach(task -> found.add(task.getId() + ": script task; bind a Java delegate instead"));
        model.getModelElementsByType(CamundaScript.class)
                .forEach(script -> found.add(owner(script) + ": camunda:script; bind a delegate or listener bean"));
        for (ServiceTask task : model.getModelElementsByType(ServiceTask.class)) {
            if (blank(task.getCamundaDelegateExpression()) && !"external".equals(task.getCamundaType())) {
                found.add(task.getId() + ": serviceTask is not bound with camunda:delegateExpression");
            }
        }
        for (SendTask task : model.getModelElementsByType(SendTask.class)) {
            if (blank(task.getCamundaDelegateExpression()) && !"external".equals(task.getCamundaType())) {
                found.add(task.getId() + ": sendTask is not bound with camunda:delegateExpression");
            }
        }
        for (UserTask task : model.getModelElementsByType(UserTask.class)) {
            if (blank(task.getName())) {
                found.add(task.getId() + ": user task has no name");
            }
            String groups = task.getCamundaCandidateGroups();
            if (blank(groups) && blank(task.getCamundaAssignee()) && blank(task.getCamundaCandidateUsers())) {
                found.add(task.getId() + ": user task has no candidate group, assignee or candidate user");
            }
            if (!blank(groups) && !expression(groups)) {
                found.add(task.getId() + ": candidate group '" + groups + "' is a literal; take it from configuration");
            }
        }
        for (TimerEventDefinition timer : model.getModelElementsByType(TimerEventDefinition.class)) {
            for (ModelElementInstance part : new ModelElementInstance[] {
                    timer.getTimeDuration(), timer.getTimeDate(), timer.getTimeCycle()}) {
                String text = part == null ? "" : part.getTextContent().strip();
                if (!text.isEmpty() && !expression(text)) {
                    found.add(owner(timer) + ": timer is the literal '" + text + "'; take it from configuration");
                }
            }
        }
        return found;
    }

    private static String owner(ModelElementInstance element) {
        for (ModelElementInstance at = element; at != null; at = at.getParentElement()) {
            if (at instanceof BaseElement base && base.getId() != null) {
                return base.getId();
            }
        }
        return "?";
    }

    private static boolean expression(String text) {
        return text.contains("${") || text.contains("#{");
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
