package dev.recoveryorchestrator.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Every action a deployed model calls must exist in production: otherwise the first outage ends in failed jobs
 * ("No action 'restart-backend'") and no task for anyone. The actions are read from the models the application
 * deploys ({@code camunda.bpm.deployment-resource-pattern}), not from a list kept by hand: the input parameter
 * {@code action} (a named short action, an automatic-attempt cap) and the {@code actionName} handed to
 * {@code run-action}. A model that names its action by an expression names it by a setting ({@link #NAMED_BY_SETTING});
 * an expression this check does not know is itself a problem, so a new one cannot slip past it. Actions a delegate
 * looks up itself and reports as a finding when absent (the container listings, the load checks) are not required.
 * {@link StartupGuard} asks this when the start is not the demo, before anything is written.
 */
final class RunbookActionsGuard {

    static final String ACTIONS = "recovery.actions";
    private static final String CAMUNDA = "http://camunda.org/schema/1.0/bpmn";
    private static final String BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL";

    /**
     * The expressions models name an action by, each with the setting it returns and that setting's default
     * ({@code RunbookActionsGuardTest} holds these to the beans). Type 5's install is built in
     * ({@code InstallPreviousModelAction} takes its name from the same setting): nothing to configure.
     */
    static final Map<String, NamedBySetting> NAMED_BY_SETTING = Map.of(
            "${modelCorruptionActions.retrain()}",
            new NamedBySetting("recovery.runbook.model-corruption.retrain-action", "retrain-model", false),
            "${modelCorruptionActions.install()}",
            new NamedBySetting("recovery.runbook.model-corruption.install-action", "install-previous-model", true),
            "${drillModel.restoreAction()}",
            new NamedBySetting("recovery.inspection.drill.restore-action", "restart-backend", false));

    private RunbookActionsGuard() {
    }

    /** An action named by the value of {@code property}; {@code builtIn}: provided in code, never configured. */
    record NamedBySetting(String property, String defaultName, boolean builtIn) {

        String name(Environment environment) {
            String value = StartupGuard.value(environment, property);
            return value == null ? defaultName : value.strip();
        }
    }

    /**
     * What the deployed models call: each action that must be configured, with the processes calling it, and the
     * places whose action this check cannot read.
     */
    record Calls(SortedMap<String, SortedSet<String>> actions, List<String> unreadable) {
    }

    /** What is missing, one line per action, each naming its property and what to do; empty if nothing. */
    static List<String> problems(Environment environment) {
        Calls calls = called(environment);
        Set<String> configured = configured(environment);
        List<String> problems = new ArrayList<>(calls.unreadable());
        calls.actions().forEach((action, processes) -> {
            if (!configured.contains(action)) {
                problems.add("no action for the runbooks: " + ACTIONS + "." + action + " is unset (called by "
                        + String.join(", ", processes) + "; add the 'docker' or 'local' profile, or configure it)");
            }
        });
        return problems;
    }

    /** The actions the deployed models call, from the models themselves. */
    static Calls called(Environment environment) {
        SortedMap<String, SortedSet<String>> actions = new TreeMap<>();
        List<String> unreadable = new ArrayList<>();
        for (Resource model : models(environment)) {
            Document document = parse(model);
            NodeList processes = document.getElementsByTagNameNS(BPMN, "process");
            for (int p = 0; p < processes.getLength(); p++) {
                Element process = (Element) processes.item(p);
                String processId = process.getAttribute("id");
                for (Element parameter : elements(process, "inputParameter")) {
                    if (parameter.getAttribute("name").equals("action")) {
                        String value = hasElementChild(parameter) ? null : parameter.getTextContent().strip();
                        add(environment, actions, unreadable, processId, parameter, value);
                    }
                }
                for (Element in : elements(process, "in")) {
                    if (in.getAttribute("target").equals("actionName")) {
                        String value = in.hasAttribute("sourceExpression") ? in.getAttribute("sourceExpression").strip()
                                : null;
                        add(environment, actions, unreadable, processId, in, value);
                    }
                }
            }
        }
        return new Calls(actions, List.copyOf(unreadable));
    }

    private static void add(Environment environment, SortedMap<String, SortedSet<String>> actions,
            List<String> unreadable, String processId, Element where, String value) {
        String action;
        if (value == null || value.isEmpty()) {
            action = null;
        } else if (!value.contains("${") && !value.contains("#{")) {
            action = value;
        } else {
            NamedBySetting setting = NAMED_BY_SETTING.get(value);
            if (setting != null && setting.builtIn()) {
                return;
            }
            action = setting == null ? null : setting.name(environment);
        }
        if (action == null) {
            unreadable.add(processId + " (" + activity(where) + ") names its action in a way the start-up check "
                    + "cannot read" + (value == null || value.isEmpty() ? "" : " (" + value + ")")
                    + ": name it literally or by a setting the check knows");
            return;
        }
        actions.computeIfAbsent(action, name -> new TreeSet<>()).add(processId);
    }

    /**
     * The names under {@code recovery.actions}, as the action catalog will see them (the same binding: a map whose
     * keys are the action names).
     */
    private static Set<String> configured(Environment environment) {
        return Binder.get(environment).bind(ACTIONS, Bindable.mapOf(String.class, Object.class))
                .map(Map::keySet).orElse(Set.of());
    }

    /** The BPMN resources the engine will deploy; none when auto-deployment is off. */
    private static List<Resource> models(Environment environment) {
        Binder binder = Binder.get(environment);
        if (!binder.bind("camunda.bpm.auto-deployment-enabled", Boolean.class).orElse(true)) {
            return List.of();
        }
        String[] patterns = binder.bind("camunda.bpm.deployment-resource-pattern", String[].class)
                .orElseGet(() -> new CamundaBpmProperties().getDeploymentResourcePattern());
        PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
        List<Resource> models = new ArrayList<>();
        for (String pattern : patterns) {
            String last = pattern.strip().substring(pattern.strip().lastIndexOf('/') + 1);
            if (last.contains(".") && !isModel(last)) {
                continue; // classpath*:**/*.form: no model among them, so no need to scan the class path for them
            }
            try {
                for (Resource resource : resolver.getResources(pattern.strip())) {
                    String name = resource.getFilename();
                    if (name != null && isModel(name)) {
                        models.add(resource);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list the models of " + pattern, e);
            }
        }
        return models;
    }

    private static boolean isModel(String fileName) {
        return Arrays.stream(CamundaBpmProperties.DEFAULT_BPMN_RESOURCE_SUFFIXES)
                .anyMatch(suffix -> fileName.endsWith("." + suffix));
    }

    private static Document parse(Resource model) {
        try (InputStream in = model.getInputStream()) {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setExpandEntityReferences(false);
            return factory.newDocumentBuilder().parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the model " + model.getDescription(), e);
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("cannot parse the model " + model.getDescription() + ": " + e.getMessage(), e);
        }
    }

    private static List<Element> elements(Element process, String camundaName) {
        NodeList found = process.getElementsByTagNameNS(CAMUNDA, camundaName);
        List<Element> elements = new ArrayList<>();
        for (int i = 0; i < found.getLength(); i++) {
            elements.add((Element) found.item(i));
        }
        return elements;
    }

    private static boolean hasElementChild(Element element) {
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child.getNodeType() == Node.ELEMENT_NODE) {
                return true;
            }
        }
        return false;
    }

    /** The id of the model element the extension belongs to (the task or call activity). */
    private static String activity(Element extension) {
        for (Node node = extension.getParentNode(); node instanceof Element element; node = node.getParentNode()) {
            if (BPMN.equals(element.getNamespaceURI()) && element.hasAttribute("id")) {
                return element.getAttribute("id");
            }
        }
        return "?";
    }
}
