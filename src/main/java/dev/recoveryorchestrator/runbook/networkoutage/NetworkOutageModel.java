package dev.recoveryorchestrator.runbook.networkoutage;

import org.springframework.stereotype.Component;

/**
 * What the Type 3 model reads from configuration, so that it holds no duration and no group:
 * {@code ${networkOutage.recheckInterval()}}, {@code ${networkOutage.itGroup()}},
 * {@code ${networkOutage.firewallApprovers()}}.
 */
@Component("networkOutage")
public class NetworkOutageModel {

    private final NetworkOutageSettings settings;

    NetworkOutageModel(NetworkOutageSettings settings) {
        this.settings = settings;
    }

    /** The pause between two checks of the host's ports, as ISO-8601. */
    public String recheckInterval() {
        return settings.recheckInterval().toString();
    }

    public String itGroup() {
        return settings.itGroup();
    }

    public String firewallApprovers() {
        return settings.firewall().approverGroup();
    }
}
