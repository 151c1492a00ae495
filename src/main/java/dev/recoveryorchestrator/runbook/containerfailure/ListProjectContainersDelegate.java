package dev.recoveryorchestrator.runbook.containerfailure;

import dev.recoveryorchestrator.action.ActionCatalog;
import dev.recoveryorchestrator.action.ActionResult;
import dev.recoveryorchestrator.action.ContainerListing;
import dev.recoveryorchestrator.runbook.Findings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_ListContainers} (컨테이너 상태 확인, the runbook's {@code docker ps -a}): the action
 * {@code container-list} ({@code docker ps -a --filter label=com.docker.compose.project=<project> --format json})
 * is read as data, one JSON object per line, and each configured service is found missing, exited (with its exit
 * code), restarting or running. Sets {@code containerTrouble} and {@code containerListingAvailable}.
 */
@Component("listProjectContainersDelegate")
class ListProjectContainersDelegate implements JavaDelegate {

    static final String ACTION = "container-list";
    static final String STEP = "컨테이너 상태 확인";
    private static final Pattern EXIT_CODE = Pattern.compile("^(?:Exited|Restarting) \\((-?\\d{1,4})\\)");
    private final ActionCatalog actions;
    private final ContainerFailureSettings settings;
    private final Findings findings;

    ListProjectContainersDelegate(ActionCatalog actions, ContainerFailureSettings settings, Findings findings) {
        this.actions = actions;
        this.settings = settings;
        this.findings = findings;
    }

    @Override
    public void execute(DelegateExecution execution) {
        execution.setVariable(ContainerFailureVariables.CONTAINER_TROUBLE, false);
        execution.setVariable(ContainerFailureVariables.LISTING_AVAILABLE, false);
        if (!actions.has(ACTION)) {
            findings.record(execution, STEP, STEP + ": recovery.actions." + ACTION + " 미설정 (docker 프로필에서 사용)");
            return;
        }
        ActionResult listing = actions.run(ACTION);
        if (!listing.succeeded()) {
            findings.record(execution, STEP, STEP + ": " + listing.summary());
            return;
        }
        Map<String, String> states = states(listing.output());
        List<String> report = new ArrayList<>();
        boolean trouble = false;
        for (String service : settings.services()) {
            String state = states.get(service);
            trouble |= state == null || !state.startsWith("running");
            report.add(service + " " + (state == null ? "없음" : state));
        }
        execution.setVariable(ContainerFailureVariables.LISTING_AVAILABLE, true);
        execution.setVariable(ContainerFailureVariables.CONTAINER_TROUBLE, trouble);
        findings.record(execution, STEP, STEP + ": " + String.join(", ", report));
    }

    /**
     * Service → "state (exit N)" of the project's containers. Lines that are not JSON (warnings) are skipped; of
     * several containers of one service a running one counts.
     */
    Map<String, String> states(String output) {
        Map<String, String> states = new LinkedHashMap<>();
        for (ContainerListing.Container container : ContainerListing.parse(output)) {
            if (container.service() == null || "running".equals(states.get(container.service()))) {
                continue;
            }
            states.put(container.service(), describe(container));
        }
        return states;
    }

    private static String describe(ContainerListing.Container container) {
        String state = container.state().toLowerCase(Locale.ROOT);
        Matcher exit = EXIT_CODE.matcher(container.status());
        String shown = state.replaceAll("[^a-z]", "");
        if (shown.isEmpty()) {
            shown = "알 수 없는 상태";
        }
        return exit.find() && !"running".equals(shown) ? shown + " (exit " + exit.group(1) + ")" : shown;
    }
}
