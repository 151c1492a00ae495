package dev.recoveryorchestrator;

import dev.recoveryorchestrator.config.DatabaseWait;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Runs the Routing ML disaster-recovery runbook as BPMN processes on an embedded Camunda 7 engine. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class RecoveryOrchestratorApplication {

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(RecoveryOrchestratorApplication.class);
        // A node started while its database is unreachable waits for it, instead of exiting.
        application.addListeners(new DatabaseWait());
        application.run(args);
    }
}
