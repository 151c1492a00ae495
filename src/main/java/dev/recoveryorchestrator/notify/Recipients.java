package dev.recoveryorchestrator.notify;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * An audience resolved: the people's e-mail addresses (for channels that reach persons, such as mail), and what
 * they were reached as — the users, the tier groups — for channels that post per audience (a chat channel's
 * incoming webhook per group).
 *
 * @param addresses plain e-mail addresses, in order, without duplicates
 * @param users whether the service's users are part of the audience
 * @param groups the escalation groups that are part of the audience, in tier order
 */
public record Recipients(Set<String> addresses, boolean users, Set<String> groups) {

    public Recipients {
        addresses = Collections.unmodifiableSet(new LinkedHashSet<>(addresses));
        groups = Collections.unmodifiableSet(new LinkedHashSet<>(groups));
    }

    /** Nobody: no address, no users, no group. */
    public boolean isEmpty() {
        return addresses.isEmpty() && !users && groups.isEmpty();
    }
}
