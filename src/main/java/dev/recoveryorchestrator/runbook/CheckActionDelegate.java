package dev.recoveryorchestrator.runbook;

import dev.recoveryorchestrator.action.BackgroundWork;
import dev.recoveryorchestrator.action.Work;
import dev.recoveryorchestrator.action.WorkState;
import dev.recoveryorchestrator.config.Durations;
import dev.recoveryorchestrator.incident.IncidentService;
import dev.recoveryorchestrator.incident.IncidentVariables;
import dev.recoveryorchestrator.incident.TimelineCode;
import java.time.Instant;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * {@code Task_CheckAction} (진행 확인): looks at the work (concluding what became of it when its node is gone),
 * shows its progress on the instance, and routes: still running, ended, or lost (a person decides). Ends and
 * takeovers go to the incident's timeline.
 */
@Component("checkActionDelegate")
class CheckActionDelegate implements JavaDelegate {

    private static final int TIMELINE_OUTPUT = 1500;
    private final BackgroundWork work;
    private final IncidentService incidents;

    CheckActionDelegate(BackgroundWork work, IncidentService incidents) {
        this.work = work;
        this.incidents = incidents;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String workId = RunActionVariables.workId(execution);
        Work observed = work.observe(workId).orElseThrow(() -> new IllegalStateException(
                "no background work " + workId + " recorded for this run-action instance"));
        boolean adoptedBefore = RunActionVariables.adopted(execution);
        RunActionVariables.progress(execution, observed, Instant.now());
        String incidentId = IncidentVariables.incidentId(execution);
        String step = RunActionVariables.actionStep(execution);
        if (!observed.state().ended()) {
            RunActionVariables.stillRunning(execution);
            if (observed.adoptedBy() != null && !adoptedBefore) {
                note(incidentId, step, null, observed.action() + " 실행 노드 중단, 프로세스는 이 호스트에서 계속 실행 중 (종료 코드는 알 수 없음): "
                        + observed.detail());
            }
            return;
        }
        if (observed.state() == WorkState.LOST) {
            RunActionVariables.lost(execution);
            note(incidentId, step, null, observed.action() + " 결과 알 수 없음: " + observed.detail() + ". 담당자 확인 요청." + output(observed));
            return;
        }
        RunActionVariables.ended(execution, observed.state());
        note(incidentId, step, observed.state() == WorkState.SUCCEEDED ? TimelineCode.ACTION_SUCCEEDED : null,
                observed.action() + " " + korean(observed.state()) + " (exit "
                + (observed.exitCode() == null ? "-" : observed.exitCode()) + ", "
                + Durations.words(observed.elapsed(Instant.now())) + ")"
                + (observed.detail() == null ? "" : ": " + observed.detail()) + output(observed));
    }

    private void note(String incidentId, String step, TimelineCode code, String detail) {
        if (incidentId != null) {
            incidents.note(incidentId, step, code, detail);
        }
    }

    private static String output(Work work) {
        String tail = work.outputTail() == null ? "" : work.outputTail().strip();
        if (tail.isEmpty()) {
            return "";
        }
        return "\n" + (tail.length() <= TIMELINE_OUTPUT ? tail : "…" + tail.substring(tail.length() - TIMELINE_OUTPUT));
    }

    static String korean(WorkState state) {
        return switch (state) {
            case SUCCEEDED -> "성공";
            case FAILED -> "실패";
            case TIMED_OUT -> "시간 초과로 중단";
            case LOST -> "결과 알 수 없음";
            case CANCELLED -> "취소됨";
            case PENDING, RUNNING -> "실행 중";
        };
    }
}
