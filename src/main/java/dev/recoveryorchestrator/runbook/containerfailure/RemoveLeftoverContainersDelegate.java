package dev.recoveryorchestrator.runbook.containerfailure;

import dev.recoveryorchestrator.action.ActionCatalog;
import dev.recoveryorchestrator.action.ActionResult;
import dev.recoveryorchestrator.action.ActionSettings;
import dev.recoveryorchestrator.action.ActionSettings.Action;
import dev.recoveryorchestrator.action.ActionSettings.Step;
import dev.recoveryorchestrator.action.CommandRunner;
import dev.recoveryorchestrator.runbook.Findings;
import java.util.ArrayList;
import java.util.List;

import java.util.regex.Pattern;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_RemoveLeftoverContainers} (잔여 컨테이너 제거). The runbook's {@code docker rm -f $(docker ps -aq)}
 * removes every container on the host; here only this compose project's: the action {@code container-leftovers}
 * ({@code docker ps -a --filter label=com.docker.compose.project=<project> -q}) lists their ids, each is checked to be
 * a container id (12 to 64 hex digits; anything else is left out and reported), and the action {@code container-remove}
 * ({@code docker rm -f}) runs with those ids appended as arguments, never unfiltered and never through a shell.
 */
@Component("removeLeftoverContainersDelegate")
class RemoveLeftoverContainersDelegate implements JavaDelegate {

    static final String LIST = "container-leftovers";
    static final String REMOVE = "container-remove";
    static final String STEP = "잔여 컨테이너 제거";
    static final Pattern CONTAINER_ID = Pattern.compile("[0-9a-f]{12,64}");
    static final int MAX_IDS = 200;
    private final ActionCatalog actions;
    private final ActionSettings configured;
    private final CommandRunner runner;
    private final Findings findings;

    RemoveLeftoverContainersDelegate(ActionCatalog actions, ActionSettings configured, CommandRunner runner, Findings findings) {
        this.actions = actions;
        this.configured = configured;
        this.runner = runner;
        this.findings = findings;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Action remove = configured.actions().get(REMOVE);
        if (!actions.has(LIST) || remove == null || remove.tracked() || remove.steps().size() != 1
                || remove.steps().get(0).command() == null) {
            findings.record(execution, STEP, STEP + ": recovery.actions." + LIST + " / " + REMOVE
                    + " 미설정 (docker 프로필에서 사용, " + REMOVE + "는 명령 하나)");
            return;
        }
        ActionResult listing = actions.run(LIST);
        if (!listing.succeeded()) {
            findings.record(execution, STEP, STEP + ": " + listing.summary());
            return;
        }
        List<String> ids = new ArrayList<>();
        int refused = 0;
        for (String line : listing.output().split("\\R")) {
            String id = line.strip();
            if (id.isEmpty()) {
                continue;
            }
            if (CONTAINER_ID.matcher(id).matches() && !ids.contains(id) && ids.size() < MAX_IDS) {
                ids.add(id);
            } else {
                refused++;
            }
        }
        String skipped = refused == 0 ? "" : " (컨테이너 ID가 아닌 출력 " + refused + "줄 무시)";
        if (ids.isEmpty()) {
            findings.record(execution, STEP, STEP + ": 프로젝트의 잔여 컨테이너 없음" + skipped);
            return;
        }
        Step base = remove.steps().get(0);
        List<String> command = new ArrayList<>(base.command());
        command.addAll(ids);
        ActionResult removed = runner.run(REMOVE, new Action(List.of(Step.run(command, base.successExitCodes())),
                remove.workdir(), remove.timeout(), remove.env(), false));
        findings.record(execution, STEP, STEP + ": " + ids.size() + "개 " + (removed.succeeded() ? "제거" : "제거 실패")
                + skipped + " - " + removed.summary());
    }

}
