package dev.recoveryorchestrator;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Runs the Routing ML disaster-recovery runbook as BPMN processes on an embedded Camunda 7 engine. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class RecoveryOrchestratorApplication {

    public static void main(String[] args) {
        SpringApplication.run(RecoveryOrchestratorApplication.class, args);
    }
}
