package dev.recoveryorchestrator.notify;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/**
 * Who a notification is for, named the way the runbook names people; {@code notify} resolves it to recipients
 * per channel ({@link Recipients}), so callers never handle e-mail addresses. {@link #kind()} is the key under
 * {@code recovery.notify.routes} that picks the audience's channels.
 */
public sealed interface Audience {

    /** The service's users ({@code recovery.notify.users}; 체크리스트 "사용자 알림"). */
    static Audience users() {
        return new Users();
    }

    /** The contacts of one escalation tier's group ({@code recovery.contacts.<group>}). */
    static Audience tier(String group) {
        return new Tier(group);
    }

    /**
     * Everyone involved so far in the incident the notification is about: the users and every tier that has
     * joined by the time elapsed since the incident opened. Needs an incident.
     */
    static Audience involved() {
        return new Involved();
    }

    /** Whoever holds the given Tasklist tasks: the assignee, else the contacts of the task's candidate groups. */
    static Audience holdersOf(Collection<String> taskIds) {
        return new TaskHolders(List.copyOf(taskIds));
    }

    /** Explicit addresses: the last resort, for a recipient no audience names. */
    static Audience addresses(Collection<String> addresses) {
        // Not List.copyOf: a null or blank address is left out when the audience is resolved, not refused here.
        return new Addresses(Collections.unmodifiableList(new ArrayList<>(addresses)));
    }

    String kind();

    record Users() implements Audience {
        @Override
        public String kind() {
            return "users";
        }
    }

    record Tier(String group) implements Audience {
        @Override
        public String kind() {
            return "tier";
        }
    }

    record Involved() implements Audience {
        @Override
        public String kind() {
            return "involved";
        }
    }

    record TaskHolders(List<String> taskIds) implements Audience {
        @Override
        public String kind() {
            return "task-holders";
        }
    }

    record Addresses(List<String> addresses) implements Audience {
        @Override
        public String kind() {
            return "addresses";
        }
    }
}
