package dev.recoveryorchestrator.notify;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * What {@code notify} needs to know of the escalation to resolve an audience: a group's contacts and which tiers
 * have joined. {@code escalation} owns the tiers and contacts and implements this; {@code notify} only consumes it,
 * so the two stay acyclic (escalation builds on notify, not the other way round).
 */
public interface GroupDirectory {

    /** The e-mail addresses of the group's contacts ({@code recovery.contacts.<group>}), in order. */
    Set<String> addressesOf(String group);

    /** The groups whose tier has joined once {@code elapsed} has passed since the incident opened, in tier order. */
    List<String> groupsJoinedBy(Duration elapsed);

    /** The groups a DR drill may reach (the tiers below the approver, the CTO), in tier order. */
    List<String> groupsInDrills();
}
