package dev.recoveryorchestrator.action;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recoveryorchestrator.action.ContainerListing.Container;
import org.junit.jupiter.api.Test;

/**
 * Docker's JSON listings in their documented shapes, and what else a command's output may hold: warnings, cut lines,
 * hostile text. Everything is kept as text. (There is no Docker engine here: the lines follow Docker's documented
 * format.)
 */
class ContainerListingTest {

    @Test
    void readsComposeLinesAnArrayAndDockerPsLabels() {
        String output = """
                WARN[0000] the attribute `version` is obsolete
                {"Service":"predictor","State":"exited","Status":"Exited (137) 2 minutes ago"}
                [{"Service":"frontend","State":"running","Status":"Up 1 hour"}]
                {"Labels":"com.docker.compose.project=routing-ml,com.docker.compose.service=worker","State":"restarting","Status":"Restarting (1) 5 seconds ago"}
                {"State":"running"}
                {"Service":"cut","State":"runn
                """;

        assertThat(ContainerListing.parse(output)).containsExactly(
                new Container("predictor", "exited", "Exited (137) 2 minutes ago"),
                new Container("frontend", "running", "Up 1 hour"),
                new Container("worker", "restarting", "Restarting (1) 5 seconds ago"),
                new Container(null, "running", ""));
    }

    @Test
    void hostileValuesStayText() {
        String hostile = "${x} #{x} $(id) ; id ../.. \\r\\n\\u0000";
        String output = "{\"Service\":\"" + hostile + "\",\"State\":\"" + "x".repeat(100 * 1024) + "\"}";

        Container container = ContainerListing.parse(output).get(0);
        assertThat(container.service()).isEqualTo("${x} #{x} $(id) ; id ../.. \r\n\u0000");
        assertThat(container.state()).hasSize(100 * 1024);
    }
}
