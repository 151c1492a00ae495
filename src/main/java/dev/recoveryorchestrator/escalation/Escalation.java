package dev.recoveryorchestrator.escalation;

import dev.recoveryorchestrator.escalation.ContactSettings.Contact;
import dev.recoveryorchestrator.escalation.EscalationSettings.Tier;
import dev.recoveryorchestrator.incident.IncidentVariables;
import dev.recoveryorchestrator.notify.GroupDirectory;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The escalation tiers as the lifecycle model reads them: {@code ${escalation.groups()}} is the collection its
 * tier sub-process runs once per element of. Also what {@code notify} asks to resolve a tier's group and everyone
 * involved ({@link GroupDirectory}).
 */
@Component("escalation")
public class Escalation implements GroupDirectory {

    private static final Logger log = LoggerFactory.getLogger(Escalation.class);
    private final EscalationSettings settings;
    private final ContactSettings contacts;

    Escalation(EscalationSettings settings, ContactSettings contacts) {
        this.settings = settings;
        this.contacts = contacts;
        settings.tiers().stream().filter(tier -> contacts.of(tier.group()).isEmpty()).forEach(tier -> log.warn(
                "Escalation tier {} has no contacts: its task is created but nobody is mailed; configure "
                        + "recovery.contacts.{}", tier.group(), tier.group()));
    }

    public List<String> groups() {
        return settings.tiers().stream().map(Tier::group).toList();
    }

    /**
     * The tiers the incident's lifecycle runs through ({@code ${escalation.groupsOf(execution)}}): every tier, or for
     * a DR drill's incident only the tiers below the approver group ({@link #groupsInDrills()}).
     */
    public List<String> groupsOf(DelegateExecution execution) {
        return IncidentVariables.drill(execution) ? groupsInDrills() : groups();
    }

    /** A drill stops below the approver tier (the CTO): the tiers before it, in order. */
    @Override
    public List<String> groupsInDrills() {
        List<String> all = groups();
        int approver = all.indexOf(settings.approverGroup());
        return approver < 0 ? all : all.subList(0, approver);
    }

    /**
     * Who is told when the RTO target passes: the approver group, or in a drill the highest tier below it (none when
     * the approver is the first tier).
     */
    java.util.Optional<String> reportGroup(boolean drill) {
        if (!drill) {
            return java.util.Optional.of(settings.approverGroup());
        }
        List<String> below = groupsInDrills();
        return below.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(below.get(below.size() - 1));
    }

    Tier tier(String group) {
        return settings.tier(group).orElseThrow(() -> new IllegalStateException("no escalation tier " + group));
    }

    @Override
    public Set<String> addressesOf(String group) {
        Set<String> addresses = new LinkedHashSet<>();
        contacts.of(group).stream().map(Contact::email).forEach(addresses::add);
        return addresses;
    }

    /** Every group whose tier has joined after {@code elapsed}: the people involved so far. */
    @Override
    public List<String> groupsJoinedBy(Duration elapsed) {
        return settings.tiers().stream().filter(tier -> tier.after().compareTo(elapsed) <= 0).map(Tier::group).toList();
    }

    String approverGroup() {
        return settings.approverGroup();
    }

    /** Whether {@code group} is the final-approval tier, whose task is the decision on external support. */
    public boolean isApprover(String group) {
        return settings.approverGroup().equals(group);
    }
}
