package dev.recoveryorchestrator.escalation;

import dev.recoveryorchestrator.TestPostgres;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link IdentitySetupRace} on one fresh PostgreSQL schema, the production database. */
class IdentitySetupRaceOnPostgresTest extends IdentitySetupRace {

    @RegisterExtension
    static final TestPostgres postgres = new TestPostgres();
    static ProcessEngine node1;
    static ProcessEngine node2;

    @BeforeAll
    static void startBothNodes() {
        node1 = engine("race-pg-node1", postgres.jdbcUrl(), postgres.username(), postgres.password());
        node2 = engine("race-pg-node2", postgres.jdbcUrl(), postgres.username(), postgres.password());
    }

    @AfterAll
    static void stopBothNodes() {
        if (node2 != null) {
            node2.close();
        }
        if (node1 != null) {
            node1.close();
        }
    }

    @Override
    ProcessEngine node(int number) {
        return number == 1 ? node1 : node2;
    }
}
