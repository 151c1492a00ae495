package dev.recoveryorchestrator.observe;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.jobexecutor.AcquiredJobs;
import org.camunda.bpm.engine.impl.jobexecutor.DefaultAcquireJobsCommandFactory;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.springframework.stereotype.Component;

/**
 * Beats the {@link Heartbeat} each time the job executor's acquisition command succeeds: wraps the engine's own
 * command factory, so acquisition itself is unchanged. An acquisition that fails (the database is gone) throws before
 * the beat, and the heartbeat goes stale.
 */
@Component
class JobAcquisitionHeartbeat extends AbstractProcessEnginePlugin {

    private final Heartbeat heartbeat;

    JobAcquisitionHeartbeat(Heartbeat heartbeat) {
        this.heartbeat = heartbeat;
    }

    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        JobExecutor executor = configuration.getJobExecutor();
        if (executor == null) {
            return;
        }
        DefaultAcquireJobsCommandFactory engine = new DefaultAcquireJobsCommandFactory(executor);
        executor.setAcquireJobsCmdFactory(jobs -> {
            Command<AcquiredJobs> acquire = engine.getCommand(jobs);
            return context -> {
                AcquiredJobs acquired = acquire.execute(context);
                heartbeat.jobsAcquired();
                return acquired;
            };
        });
    }
}
