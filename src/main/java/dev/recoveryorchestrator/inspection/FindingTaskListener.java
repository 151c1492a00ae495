package dev.recoveryorchestrator.inspection;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * On create of {@code Task_FixFinding} (점검 조치), one per check that did not pass: names the check and puts its
 * finding, its figures and what to do in the task's description.
 */
@Component
class FindingTaskListener implements TaskListener {

    private final InspectionResults results;

    FindingTaskListener(InspectionResults results) {
        this.results = results;
    }

    @Override
    public void notify(DelegateTask task) {
        String check = InspectionVariables.check(task);
        List<InspectionResults.Recorded> mine = results.ofInspection(task.getProcessInstanceId()).stream()
                .filter(recorded -> recorded.result().check().equals(check)).toList();
        if (mine.isEmpty()) {
            task.setName("점검 조치: " + check);
            return;
        }
        CheckResult result = mine.get(mine.size() - 1).result();
        task.setName("점검 조치: " + result.title() + " (" + result.status().korean() + ")");
        String description = "발견: " + result.finding() + "\n수치: " + result.figures() + "\n조치: " + result.advice();
        task.setDescription(description.length() > 3900 ? description.substring(0, 3899) + "…" : description);
    }
}
