package dev.recoveryorchestrator.inspection.backup;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Job;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * At start, the waiting {@code backup-daily} timer gets its due date computed again from the configuration: a
 * redeployment does that by itself, a restart with a changed {@code backup-cron} or {@code time-zone} and the same
 * model would otherwise wait for the old firing once. Every node may do it; the result is the same.
 */
@Component
class BackupTimerRecalculation {

    private static final Logger log = LoggerFactory.getLogger(BackupTimerRecalculation.class);
    private final ManagementService management;

    BackupTimerRecalculation(ManagementService management) {
        this.management = management;
    }

    @EventListener(ApplicationReadyEvent.class)
    void recalculate() {
        for (Job job : management.createJobQuery().processDefinitionKey(DailyBackupVariables.PROCESS).timers().list()) {
            if (job.getProcessInstanceId() == null) {
                management.recalculateJobDuedate(job.getId(), false);
                log.info("backup-daily: next backup at {}", management.createJobQuery().jobId(job.getId()).singleResult()
                        .getDuedate());
            }
        }
    }
}
