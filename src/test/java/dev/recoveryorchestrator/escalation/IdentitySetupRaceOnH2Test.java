package dev.recoveryorchestrator.escalation;

import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** {@link IdentitySetupRace} on one in-memory H2 database, the demo's database engine. */
class IdentitySetupRaceOnH2Test extends IdentitySetupRace {

    private static final String URL = "jdbc:h2:mem:identity-setup-race;DB_CLOSE_DELAY=-1";
    static ProcessEngine node1;
    static ProcessEngine node2;

    @BeforeAll
    static void startBothNodes() {
        node1 = engine("race-h2-node1", URL, "sa", "");
        node2 = engine("race-h2-node2", URL, "sa", "");
    }

    @AfterAll
    static void stopBothNodes() {
        node2.close();
        node1.close();
    }

    @Override
    ProcessEngine node(int number) {
        return number == 1 ? node1 : node2;
    }
}
