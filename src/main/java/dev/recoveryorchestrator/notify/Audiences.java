package dev.recoveryorchestrator.notify;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/** Resolves an {@link Audience} to {@link Recipients}: the users from configuration, groups through the escalation. */
@Component
class Audiences {

    private final NotifySettings settings;
    private final GroupDirectory groups;
    private final TaskService tasks;
    private final IdentityService identity;

    Audiences(NotifySettings settings, GroupDirectory groups, TaskService tasks, IdentityService identity) {
        this.settings = settings;
        this.groups = groups;
        this.tasks = tasks;
        this.identity = identity;
    }

    /**
     * @param sinceOpened time since the incident opened; null for a notification that belongs to no incident
     * @throws IllegalArgumentException for {@link Audience#involved()} without an incident
     */
    Recipients resolve(Audience audience, Duration sinceOpened) {
        return resolve(audience, sinceOpened, false);
    }

    /**
     * {@link #resolve(Audience, Duration)}; for a DR drill's incident ({@code drill}) groups beyond
     * {@link GroupDirectory#groupsInDrills()} (the approver, the CTO) are left out: a tier audience of one is nobody.
     */
    Recipients resolve(Audience audience, Duration sinceOpened, boolean drill) {
        Recipients all = resolveAll(audience, sinceOpened);
        if (!drill || groups.groupsInDrills().containsAll(all.groups())) {
            return all;
        }
        List<String> allowed = groups.groupsInDrills();
        if (audience instanceof Audience.Tier) {
            return new Recipients(Set.of(), false, Set.of());
        }
        Set<String> kept = new LinkedHashSet<>(all.groups());
        kept.retainAll(allowed);
        Set<String> addresses = new LinkedHashSet<>(all.users() ? settings.users() : List.of());
        if (audience instanceof Audience.Addresses explicit) {
            addresses.addAll(explicit.addresses());
        }
        kept.forEach(group -> addresses.addAll(groups.addressesOf(group)));
        return new Recipients(addresses, all.users(), kept);
    }

    private Recipients resolveAll(Audience audience, Duration sinceOpened) {
        if (audience instanceof Audience.Users) {
            return new Recipients(new LinkedHashSet<>(settings.users()), true, Set.of());
        }
        if (audience instanceof Audience.Tier tier) {
            return new Recipients(groups.addressesOf(tier.group()), false, Set.of(tier.group()));
        }
        if (audience instanceof Audience.Involved) {
            return involved(sinceOpened);
        }
        if (audience instanceof Audience.TaskHolders holders) {
            return holders(holders.taskIds());
        }
        Audience.Addresses explicit = (Audience.Addresses) audience;
        return new Recipients(new LinkedHashSet<>(explicit.addresses()), false, Set.of());
    }

    private Recipients involved(Duration sinceOpened) {
        if (sinceOpened == null) {
            throw new IllegalArgumentException("'everyone involved' needs an incident; name users or a tier instead");
        }
        Set<String> addresses = new LinkedHashSet<>(settings.users());
        List<String> joined = groups.groupsJoinedBy(sinceOpened);
        joined.forEach(group -> addresses.addAll(groups.addressesOf(group)));
        return new Recipients(addresses, true, new LinkedHashSet<>(joined));
    }

    private Recipients holders(List<String> taskIds) {
        Set<String> addresses = new LinkedHashSet<>();
        Set<String> candidateGroups = new LinkedHashSet<>();
        for (String taskId : taskIds) {
            Task task = tasks.createTaskQuery().taskId(taskId).singleResult();
            if (task == null) {
                continue;
            }
            if (task.getAssignee() != null) {
                User user = identity.createUserQuery().userId(task.getAssignee()).singleResult();
                if (user != null && user.getEmail() != null && !user.getEmail().isBlank()) {
                    addresses.add(user.getEmail());
                    continue;
                }
            }
            for (IdentityLink link : tasks.getIdentityLinksForTask(task.getId())) {
                if (IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null) {
                    candidateGroups.add(link.getGroupId());
                    addresses.addAll(groups.addressesOf(link.getGroupId()));
                }
            }
        }
        return new Recipients(addresses, false, candidateGroups);
    }
}
