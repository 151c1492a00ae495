package dev.recoveryorchestrator.action;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Containers as Docker lists them in JSON: {@code docker compose ps --format json} (one object per line, or one array
 * in older releases; the service in {@code Service}) or {@code docker ps -a --format json} (the service in the
 * {@code com.docker.compose.service} label). Lines that are not JSON (warnings, a cut line) are skipped; every value
 * is text, never interpreted. The monitor's container check and Type 4's listing both read it.
 */
public final class ContainerListing {

    private static final String SERVICE_LABEL = "com.docker.compose.service=";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ContainerListing() {
    }

    /**
     * One container as listed.
     *
     * @param service the compose service, or null when the container names none
     * @param state Docker's state ({@code running}, {@code exited}, …), empty when absent
     * @param status Docker's status text ({@code Exited (1) 2 minutes ago}), empty when absent
     */
    public record Container(String service, String state, String status) {
    }

    /** The containers in {@code output}, in the order listed. */
    public static List<Container> parse(String output) {
        List<Container> containers = new ArrayList<>();
        for (String line : output.split("\\R")) {
            String text = line.strip();
            if (!text.startsWith("{") && !text.startsWith("[")) {
                continue;
            }
            try {
                JsonNode node = JSON.readTree(text);
                for (JsonNode container : node.isArray() ? node : List.of(node)) {
                    containers.add(new Container(service(container), container.path("State").asText(""),
                            container.path("Status").asText("")));
                }
            } catch (IOException e) {
                // a cut or foreign line: not a container
            }
        }
        return containers;
    }

    private static String service(JsonNode container) {
        if (container.hasNonNull("Service")) {
            return container.get("Service").asText();
        }
        for (String label : container.path("Labels").asText("").split(",")) {
            if (label.startsWith(SERVICE_LABEL)) {
                return label.substring(SERVICE_LABEL.length());
            }
        }
        return null;
    }
}
