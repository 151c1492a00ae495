package dev.recoveryorchestrator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.recoveryorchestrator.action.BackgroundWork;
import dev.recoveryorchestrator.action.Work;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A long action through {@code run-action} with the job executor on and a job lock of two seconds: the action (a
 * real process that counts its runs in a file, then sleeps six seconds) outlives the lock three times over, and
 * still runs exactly once, because no job runs it: the start job returns at once and the checks are quick. Were it
 * run inside a job, the lock would expire and the job would be run again.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "camunda.bpm.job-execution.lock-time-in-millis=2000",
        "recovery.commands.inline-limit=PT1S",
        "recovery.monitor.enabled=false",
        "recovery.standin.enabled=false",
        // Everything a job runs inline must fit the one-second limit of this short lock, or the start is refused.
        "recovery.actions.check-backend-process.timeout=PT0.5S",
        "recovery.actions.check-model-load.timeout=PT0.5S",
        "recovery.actions.check-retrained-model-load.timeout=PT0.5S",
        "recovery.actions.container-logs.timeout=PT0.5S",
        "recovery.actions.container-ports.timeout=PT0.2S",
        "recovery.runbook.container-failure.kill-grace=PT0.2S",
        "recovery.runbook.database-unreachable.copy-limit=PT0.4S",
        "recovery.inspection.backup-limit=PT0.5S",
        "recovery.inspection.manifest-limit=PT0.5S",
        "recovery.inspection.restore-limit=PT0.5S",
        "recovery.actions.network-route-table.timeout=PT0.5S",
        "recovery.actions.network-firewall-iptables.timeout=PT0.5S",
        "recovery.actions.network-firewall-ufw.timeout=PT0.5S",
        "recovery.health-check.after-action.attempts=1",
        "recovery.health-check.timeout=PT0.2S",
        "recovery.health-check.after-action.interval=PT0.2S",
        "recovery.health-check.verify.attempts=1",
        "recovery.health-check.verify.interval=PT0.2S",
        "recovery.health-check.confirm.attempts=1",
        "recovery.health-check.confirm.interval=PT0.2S",
        "recovery.background-work.kill-grace=PT0.4S",
        "recovery.background-work.heartbeat=PT0.2S",
        "recovery.background-work.stale-after=PT1S",
        "recovery.run-action.poll-interval=PT0.5S",
})
@DirtiesContext
class RunActionLockIT {

    static final Path WORK = TestEnvironment.tempFolder("run-action-lock");
    static final Path COUNTER = WORK.resolve("runs");
    static final Duration LOCK = Duration.ofSeconds(2);

    @Autowired
    RuntimeService runtime;
    @Autowired
    HistoryService history;
    @Autowired
    BackgroundWork work;

    @DynamicPropertySource
    static void environment(DynamicPropertyRegistry registry) {
        TestEnvironment.register(registry, "run-action-lock", WORK, TestEnvironment.freePort());
        String action = "recovery.actions.count-then-sleep";
        registry.add(action + ".tracked", () -> "true");
        registry.add(action + ".timeout", () -> "PT30S");
        registry.add(action + ".steps[0].command[0]", () -> "sh");
        registry.add(action + ".steps[0].command[1]", () -> "-c");
        registry.add(action + ".steps[0].command[2]", () -> "echo run >> \"$1\"; sleep 6; echo slept");
        registry.add(action + ".steps[0].command[3]", () -> "sh");
        registry.add(action + ".steps[0].command[4]", COUNTER::toString);
    }

    @Test
    void aLongActionOutlivesTheJobLockWithoutASecondRun() throws Exception {
        Map<String, Object> variables = new HashMap<>();
        variables.put("actionName", "count-then-sleep");
        variables.put("actionStep", "롤백");
        ProcessInstance run = runtime.startProcessInstanceByKey("run-action", variables);

        HistoricProcessInstance ended = await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                .until(() -> history.createHistoricProcessInstanceQuery().processInstanceId(run.getId()).singleResult(),
                        instance -> instance != null && instance.getEndTime() != null);

        assertThat(ended.getState()).isEqualTo(HistoricProcessInstance.STATE_COMPLETED);
        assertThat(variable(run, "actionOutcome")).isEqualTo("SUCCEEDED");
        assertThat(variable(run, "actionSucceeded")).isEqualTo(true);
        assertThat((String) variable(run, "actionOutput")).contains("slept");
        assertThat(Files.readAllLines(COUNTER)).as("the action ran once").containsExactly("run");
        Work done = work.find((String) variable(run, "workId")).orElseThrow();
        assertThat(Duration.between(done.startedAt(), done.endedAt())).as("it ran longer than the job lock")
                .isGreaterThan(LOCK.multipliedBy(2));
        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(run.getId())
                .activityId("Task_StartAction").count()).as("the start ran once").isEqualTo(1);
        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(run.getId())
                .activityId("Task_CheckAction").count()).as("it was watched while it ran").isGreaterThan(1);
    }

    private Object variable(ProcessInstance run, String name) {
        return history.createHistoricVariableInstanceQuery().processInstanceId(run.getId()).variableName(name)
                .singleResult().getValue();
    }
}
